import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Author } from './entity/Author';
import { Book } from './entity/Book';

@Injectable()
export class CatalogService {
  constructor(
    @InjectRepository(Author) private readonly authors: Repository<Author>,
    private readonly dataSource: DataSource,
  ) {}

  async bookCounts() {
    const authors = await this.authors.find({ order: { name: 'ASC' } });
    const counts: Record<string, number> = {};
    for (const author of authors) {
      const books = await author.books; // expect: orm-lazy-load-in-loop
      counts[author.name] = books.length;
      counts[`${author.name}-bio`] = author.bio.text.length; // ok: orm-lazy-load-in-loop
    }
    return counts;
  }

  async withBooks() {
    const authors = await this.authors.find({ relations: { books: true } });
    const sizes: number[] = [];
    for (const a of authors) {
      sizes.push((await a.books).length); // ok: orm-lazy-load-in-loop
    }
    return sizes;
  }

  async genresOfBooks() {
    const books = await this.dataSource.getRepository(Book).find();
    const labels: string[] = [];
    for (const book of books) {
      labels.push(book.title); // ok: orm-lazy-load-in-loop
      // Not lazy and not loaded: undefined, a bug but never a query.
      labels.push(String(book.author)); // ok: orm-lazy-load-in-loop
      for (const genre of await book.genres) { // expect: orm-lazy-load-in-loop
        labels.push(genre.label);
      }
    }
    return labels;
  }
}
