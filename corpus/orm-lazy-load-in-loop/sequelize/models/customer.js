'use strict';

module.exports = (sequelize, DataTypes) => {
  const Customer = sequelize.define('Customer', {
    name: DataTypes.STRING,
    email: DataTypes.STRING,
  });
  Customer.associate = (models) => {
    Customer.hasMany(models.Order, { as: 'orders', foreignKey: 'customerId' });
  };
  return Customer;
};
