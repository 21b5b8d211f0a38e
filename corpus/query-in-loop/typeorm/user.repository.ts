// A custom TypeORM repository (a class extending Repository<User>) and a service it is injected into.
import { DataSource, In, Repository } from 'typeorm';
import { User } from './user.entity';

export class UserRepository extends Repository<User> {
  constructor(dataSource: DataSource) {
    super(User, dataSource.createEntityManager());
  }

  async byEmails(emails: string[]): Promise<User[]> {
    const users: User[] = [];
    for (const email of emails) {
      const user = await this.findOneBy({ email }); // expect: query-in-loop
      if (user) users.push(user);
    }
    return users;
  }

  async byEmailsAtOnce(emails: string[]): Promise<User[]> {
    return this.findBy({ email: In(emails) }); // ok: query-in-loop -- one query for all
  }
}

export class InviteService {
  constructor(private readonly users: UserRepository) {}

  async deactivate(ids: number[]): Promise<void> {
    for (const id of ids) {
      await this.users.update({ id }, { active: false }); // expect: query-in-loop
    }
  }
}
