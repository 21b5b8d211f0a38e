import { Column, Entity, OneToMany, OneToOne, JoinColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Book } from './Book';
import { Bio } from './Bio';

@Entity()
export class Author {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  name: string;

  @OneToMany(() => Book, (book) => book.author, { lazy: true })
  books: Promise<Book[]>;

  @OneToOne(() => Bio, { eager: true })
  @JoinColumn()
  bio: Bio;
}
