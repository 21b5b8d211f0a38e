// A second GraphQL endpoint that batches per-parent loads with DataLoader.
import DataLoader from 'dataloader';
import { Op } from 'sequelize';
import { Author, Post } from './models';

export function createLoaders() {
  return {
    author: new DataLoader(async (ids: readonly number[]) => {
      const authors = await Author.findAll({ where: { id: { [Op.in]: [...ids] } } }); // ok: missing-eager-loading
      return ids.map((id) => authors.find((a) => a.id === id) ?? null);
    }),
  };
}

const Query = {
  latestPosts: () => Post.findAll({ limit: 20 }), // ok: missing-eager-loading -- the author is batched
  authorsWithPosts: () => Author.findAll({ include: ['posts'] }), // ok: missing-eager-loading
  lonelyAuthors() {
    return Author.findAll({ where: { bio: null } }); // expect: missing-eager-loading
  },
};

const PostResolvers = {
  author: (post: Post, _args: unknown, ctx: { loaders: ReturnType<typeof createLoaders> }) =>
    ctx.loaders.author.load(post.authorId),
};

const AuthorResolvers = {
  posts: async (author: Author) => {
    const posts = await Post.findAll({ where: { authorId: author.id } });
    return posts;
  },
};

export const resolvers = { Query, Post: PostResolvers, Author: AuthorResolvers };
