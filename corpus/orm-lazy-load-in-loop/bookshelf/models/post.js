const ghostBookshelf = require('./base');

const Post = ghostBookshelf.Model.extend({
    tableName: 'posts',

    authors() {
        return this.belongsToMany('User', 'posts_authors', 'post_id', 'author_id');
    },

    tags() {
        return this.belongsToMany('Tag', 'posts_tags', 'post_id', 'tag_id');
    },

    primaryAuthor() {
        return this.belongsTo('User', 'author_id');
    }
});

module.exports = {
    Post: ghostBookshelf.model('Post', Post)
};
