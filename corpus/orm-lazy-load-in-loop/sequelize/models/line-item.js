'use strict';

module.exports = (sequelize, DataTypes) => {
  const LineItem = sequelize.define('LineItem', {
    sku: DataTypes.STRING,
    quantity: DataTypes.INTEGER,
  });
  return LineItem;
};
