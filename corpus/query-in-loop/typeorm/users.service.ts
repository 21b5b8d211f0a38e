// NestJS service over TypeORM repositories.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditLog } from './audit-log.entity';
import { Team } from './team.entity';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    private readonly dataSource: DataSource,
  ) {}

  async profiles(ids: number[]) {
    const profiles = [];
    for (const id of ids) {
      profiles.push(await this.users.findOneBy({ id })); // expect: query-in-loop
    }
    return profiles;
  }

  async profilesBatched(ids: number[]) {
    const users = await this.users.findBy({ id: In(ids) }); // ok: query-in-loop
    const byId = new Map(users.map((u) => [u.id, u])); // ok: query-in-loop
    return ids.map((id) => byId.get(id)); // ok: query-in-loop
  }

  async teamSizes(teamIds: number[]) {
    const sizes: Record<number, number> = {};
    for (const teamId of teamIds) {
      sizes[teamId] = await this.users // expect: query-in-loop
        .createQueryBuilder('user')
        .where('user.teamId = :teamId', { teamId })
        .getCount();
    }
    return sizes;
  }

  async rename(changes: { id: number; name: string }[]) {
    await this.dataSource.transaction(async (manager: EntityManager) => {
      for (const change of changes) {
        await manager.update(Team, { id: change.id }, { name: change.name }); // expect: query-in-loop
      }
    });
  }

  async audit(entries: { userId: number; action: string }[]) {
    const logs = this.dataSource.getRepository(AuditLog);
    for (const entry of entries) {
      await logs.insert(entry); // expect: query-in-loop
    }
  }

  async auditBatched(entries: { userId: number; action: string }[]) {
    await this.dataSource.getRepository(AuditLog).insert(entries); // ok: query-in-loop
  }

  async teamOf(userId: number) {
    const user = await this.users.findOneByOrFail({ id: userId });
    return this.teams.findOneBy({ id: user.teamId });
  }

  async teamsOf(userIds: number[]) {
    const teams = [];
    for (const userId of userIds) {
      teams.push(await this.teamOf(userId)); // expect: query-in-loop
    }
    return teams;
  }
}
