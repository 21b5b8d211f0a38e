'use strict';

module.exports = (sequelize, DataTypes) => {
  const Coupon = sequelize.define('Coupon', { code: DataTypes.STRING });
  return Coupon;
};
