const mongoose = require('mongoose');
const { Schema } = mongoose;

const authorSchema = new Schema({ name: String });
const postSchema = new Schema({
  title: String,
  author: { type: Schema.Types.ObjectId, ref: 'Author' },
  tags: [{ type: Schema.Types.ObjectId, ref: 'Tag' }],
});

module.exports = {
  Author: mongoose.model('Author', authorSchema),
  Post: mongoose.model('Post', postSchema),
};
