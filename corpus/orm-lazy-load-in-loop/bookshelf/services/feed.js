const models = require('../models');

async function feed() {
    const posts = await models.Post.findAll({ filter: 'status:published' });
    const out = [];
    for (const post of posts.models) {
        const tags = await post.related('tags').fetch(); // expect: orm-lazy-load-in-loop
        out.push({ title: post.get('title'), tags: tags.toJSON() }); // ok: orm-lazy-load-in-loop
        out.push(post.related('authors')); // ok: orm-lazy-load-in-loop
    }
    return out;
}

async function feedWithTags() {
    const posts = await models.Post.findAll({ withRelated: ['tags', 'authors'] });
    const out = [];
    for (const post of posts.models) {
        out.push(await post.related('tags').fetch()); // ok: orm-lazy-load-in-loop
        await post.load(['primaryAuthor']); // expect: orm-lazy-load-in-loop
    }
    return out;
}

module.exports = { feed, feedWithTags };
