'use strict';

module.exports = (sequelize, DataTypes) => {
  const Order = sequelize.define('Order', {
    status: DataTypes.STRING,
    total: DataTypes.DECIMAL,
    customerId: DataTypes.INTEGER,
  });
  Order.associate = (models) => {
    Order.belongsTo(models.Customer, { as: 'customer', foreignKey: 'customerId' });
    Order.hasMany(models.LineItem, { as: 'lines', foreignKey: 'orderId' });
    Order.belongsToMany(models.Coupon, { through: 'OrderCoupons' });
  };
  return Order;
};
