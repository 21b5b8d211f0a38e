import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class Bio {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  text: string;
}
