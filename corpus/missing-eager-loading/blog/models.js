// Sequelize models of the blog: authors write posts, posts have comments and tags.
const { DataTypes, Model } = require('sequelize');
const sequelize = require('./db');

class Author extends Model {}
Author.init(
  { name: DataTypes.STRING, bio: DataTypes.TEXT },
  { sequelize, modelName: 'author' },
);

class Post extends Model {}
Post.init(
  { title: DataTypes.STRING, body: DataTypes.TEXT, published: DataTypes.BOOLEAN, authorId: DataTypes.INTEGER },
  { sequelize, modelName: 'post' },
);

class Comment extends Model {}
Comment.init(
  { body: DataTypes.TEXT, postId: DataTypes.INTEGER },
  { sequelize, modelName: 'comment' },
);

class Tag extends Model {}
Tag.init({ label: DataTypes.STRING }, { sequelize, modelName: 'tag' });

Post.belongsTo(Author, { as: 'author', foreignKey: 'authorId' });
Author.hasMany(Post, { as: 'posts', foreignKey: 'authorId' });
Post.hasMany(Comment, { as: 'comments', foreignKey: 'postId' });
Comment.belongsTo(Post, { as: 'post', foreignKey: 'postId' });
Post.belongsToMany(Tag, { as: 'tags', through: 'post_tags' });

module.exports = { sequelize, Author, Post, Comment, Tag };
