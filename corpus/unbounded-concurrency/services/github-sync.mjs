import { Octokit } from '@octokit/rest';
import pLimit from 'p-limit';

const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN, userAgent: 'acme-dashboard' });
const limit = pLimit(4);
const STALE_AFTER_MS = 90 * 24 * 60 * 60 * 1000;

function isStale(issue) {
  return Date.now() - new Date(issue.updated_at).getTime() > STALE_AFTER_MS;
}

export async function fetchOrgActivity(org) {
  const { data: repos } = await octokit.rest.repos.listForOrg({ org, per_page: 100 });
  const commitPages = await Promise.all( // expect: unbounded-concurrency
    repos.map((repo) => octokit.rest.repos.listCommits({ owner: org, repo: repo.name, per_page: 5 })),
  );
  return repos.map((repo, i) => ({ repo: repo.name, recentCommits: commitPages[i].data.length }));
}

export async function fetchProfile(username) {
  const [user, repos] = await Promise.all([ // ok: unbounded-concurrency
    octokit.rest.users.getByUsername({ username }),
    octokit.rest.repos.listForUser({ username, per_page: 100 }),
  ]);
  return { login: user.data.login, repos: repos.data.length };
}

export async function fetchContributors(org, repoNames) {
  const pages = await Promise.all( // ok: unbounded-concurrency
    repoNames.map((repo) => limit(() => octokit.rest.repos.listContributors({ owner: org, repo }))),
  );
  return pages.flatMap((page) => page.data.map((c) => c.login));
}

export async function closeStaleIssues(owner, repo, issues) {
  const closing = [];
  for (const issue of issues) {
    if (isStale(issue)) {
      closing.push(
        octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
          owner,
          repo,
          issue_number: issue.number,
          state: 'closed',
        }),
      );
    }
  }
  await Promise.all(closing); // expect: unbounded-concurrency
  return closing.length;
}
