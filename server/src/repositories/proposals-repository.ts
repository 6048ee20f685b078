import { eq, sql } from 'drizzle-orm';
import { queryRows, schema } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import {
  assessmentInputSchema,
  assessmentPatchSchema,
  linkInputSchema,
  linkPatchSchema,
  PROBLEM_TYPES,
  recommendationInputSchema,
  recommendationPatchSchema,
} from '@tracker/shared';
import type {
  Proposal,
  ProposalEntity,
  ProposalKind,
  ProposalListQuery,
  ProposalPage,
} from '@tracker/shared';
import type { z } from 'zod';
import { HttpProblem, NotFoundError } from '../errors.js';
import { createAssessmentsRepository } from './assessments-repository.js';
import { resolveReferences } from './changes-repository.js';
import { createRecommendationLinksRepository } from './recommendation-links-repository.js';
import { createRecommendationsRepository } from './recommendations-repository.js';
import { countedPage, isoUtc } from './sql-fragments.js';
import type { Listing } from './sql-fragments.js';
import type { Actor, Fields, RecordWrites } from './versioned-writes.js';

/**
 * Review before publishing (REVIEW_REQUIRED): editors' writes kept as proposals until another
 * editor or an admin decides. A proposal is checked when it is made by applying it through the
 * record's own write path in a savepoint that is rolled back (a bad proposal is refused as the
 * direct write would be, and nothing is written); approval applies it through the same path, in
 * one transaction with the decision, the history entry naming the approver and the proposer.
 */

/** How one kind of reviewed record is written and described. */
interface ReviewedKind<
  Create extends z.ZodType<{ reason?: string | undefined }>,
  Patch extends z.ZodType<{ reason?: string | undefined; version?: number | undefined }>,
  Present extends { id: number },
> {
  create: Create;
  patch: Patch;
  /** The record's repository writes, on the given database or transaction. */
  writes: (
    db: Database,
  ) => RecordWrites<Omit<z.output<Create>, 'reason'>, Fields<z.output<Patch>>, Present>;
  /** The recommendation a record or a creation's payload concerns. */
  recommendationOf: (values: Record<string, unknown>) => unknown;
}

/** One reviewed kind's operations, with its types resolved. */
interface Reviewed {
  apply(tx: Database, proposal: StoredProposal, actor: Actor): Promise<{ id: number }>;
  readTarget(db: Database, id: number): Promise<Record<string, unknown> | null>;
  recommendationOf: (values: Record<string, unknown>) => unknown;
}

function reviewed<
  Create extends z.ZodType<{ reason?: string | undefined }>,
  Patch extends z.ZodType<{ reason?: string | undefined; version?: number | undefined }>,
  Present extends { id: number },
>(kind: ReviewedKind<Create, Patch, Present>): Reviewed {
  return {
    async apply(tx, proposal, actor) {
      const writes = kind.writes(tx);
      if (proposal.kind === 'create') {
        const { reason: _reason, ...input } = kind.create.parse(proposal.payload);
        return writes.create(input as Omit<z.output<Create>, 'reason'>, actor);
      }
      const { reason: _reason, version: _version, ...patch } = kind.patch.parse(proposal.payload);
      return writes.update(
        proposal.targetId!,
        proposal.baseVersion!,
        patch as Fields<z.output<Patch>>,
        actor,
      );
    },
    async readTarget(db, id) {
      try {
        return (await kind.writes(db).readForEdit(id)) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
    recommendationOf: kind.recommendationOf,
  };
}

const REVIEWED: Record<ProposalEntity, Reviewed> = {
  assessment: reviewed({
    create: assessmentInputSchema,
    patch: assessmentPatchSchema,
    writes: createAssessmentsRepository,
    recommendationOf: (values) => values.recommendationId,
  }),
  recommendation_link: reviewed({
    create: linkInputSchema,
    patch: linkPatchSchema,
    writes: createRecommendationLinksRepository,
    recommendationOf: (values) => values.laterRecommendationId,
  }),
  recommendation: reviewed({
    create: recommendationInputSchema,
    patch: recommendationPatchSchema,
    writes: createRecommendationsRepository,
    recommendationOf: (values) => values.id,
  }),
};

/** A write to keep as a proposal: the request body as validated, without `version`. */
export interface ProposedWrite {
  kind: ProposalKind;
  entity: ProposalEntity;
  targetId?: number | undefined;
  baseVersion?: number | undefined;
  payload: Record<string, unknown>;
}

type StoredProposal = typeof schema.proposals.$inferSelect & { payload: Record<string, unknown> };

/** A proposal as stored, with its people named; `before` and the recommendation come after. */
type ProposalRow = Omit<Proposal, 'before' | 'recommendationId'>;

const PROPOSAL_SELECT = sql`
  select p.id, p.kind, p.entity, p.target_id as "targetId", p.base_version as "baseVersion",
    p.payload, json_build_object('id', pu.id, 'displayName', pu.display_name) as "proposedBy",
    ${isoUtc(sql`p.proposed_at`)} as "proposedAt", p.state,
    case when du.id is null then null
      else json_build_object('id', du.id, 'displayName', du.display_name) end as "decidedBy",
    case when p.decided_at is null then null else ${isoUtc(sql`p.decided_at`)} end as "decidedAt",
    p.reason
  from proposals p
  join users pu on pu.id = p.proposed_by
  left join users du on du.id = p.decided_by`;

/** The proposal queue: oldest first. */
const proposalListing: Listing = {
  from: sql`proposals p`,
  select: PROPOSAL_SELECT,
  orderBy: sql`p.proposed_at, p.id`,
};

/** Applies the proposal and undoes it: the checks of the direct write, nothing written. */
class DryRun extends Error {}

class ProposalDecided extends HttpProblem {
  constructor(id: number, state: string) {
    super(
      409,
      PROBLEM_TYPES.conflict,
      'Already decided',
      `Proposal ${id} is ${state} already; only an open proposal can be approved or rejected.`,
    );
  }
}

export function createProposalsRepository(db: Database) {
  /** The proposal as the API answers it: what it would change, before and after. */
  async function present(row: ProposalRow): Promise<Proposal> {
    const entity = REVIEWED[row.entity];
    const target = row.targetId === null ? null : await entity.readTarget(db, row.targetId);
    const changed = Object.keys(row.payload).filter((key) => key !== 'reason');
    const before =
      row.kind === 'update' && target
        ? Object.fromEntries(changed.map((key) => [key, target[key] ?? null]))
        : null;
    const concerned = entity.recommendationOf(target ?? row.payload);
    return {
      ...row,
      before,
      recommendationId: typeof concerned === 'number' ? concerned : null,
    };
  }

  async function read(id: number): Promise<Proposal> {
    const [row] = await queryRows<ProposalRow>(db, sql`${PROPOSAL_SELECT} where p.id = ${id}`);
    if (!row) throw new NotFoundError(`There is no proposal ${id}.`);
    return present(row);
  }

  /** Locks an open proposal for its decision; 404 if there is none, 409 if decided already. */
  async function lockOpen(tx: Transaction, id: number): Promise<StoredProposal> {
    const [row] = await tx
      .select()
      .from(schema.proposals)
      .where(eq(schema.proposals.id, id))
      .for('update');
    if (!row) throw new NotFoundError(`There is no proposal ${id}.`);
    if (row.state !== 'open') throw new ProposalDecided(id, row.state);
    return row as StoredProposal;
  }

  async function insert(tx: Transaction, write: ProposedWrite, userId: number): Promise<number> {
    const values = {
      kind: write.kind,
      entity: write.entity,
      targetId: write.targetId ?? null,
      baseVersion: write.baseVersion ?? null,
      payload: write.payload,
      proposedBy: userId,
    };
    // The direct write's checks (references, rules across records, the version), then undone.
    try {
      await tx.transaction(async (savepoint) => {
        await REVIEWED[write.entity].apply(
          savepoint,
          { ...values, id: 0, proposedAt: new Date(), state: 'open' } as StoredProposal,
          { userId },
        );
        throw new DryRun();
      });
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
    }
    const [row] = await tx
      .insert(schema.proposals)
      .values(values)
      .returning({ id: schema.proposals.id });
    return row!.id;
  }

  return {
    /**
     * Keeps writes as proposals, all or none (one sentence recorded against several
     * recommendations is one proposal each). Refused as the direct write would be refused.
     */
    async propose(writes: ProposedWrite[], userId: number): Promise<Proposal[]> {
      const ids = await db.transaction(async (tx) => {
        const made: number[] = [];
        for (const write of writes) made.push(await insert(tx, write, userId));
        return made;
      });
      return Promise.all(ids.map(read));
    },

    /** Proposals, oldest first (the queue's order), with names for the records they refer to. */
    async list(query: ProposalListQuery): Promise<Omit<ProposalPage, 'reviewRequired'>> {
      const where = query.state ? sql`p.state = ${query.state}` : sql`true`;
      const { items: rows, ...info } = await countedPage<ProposalRow>(
        db,
        proposalListing,
        where,
        query,
      );
      const items = await Promise.all(rows.map(present));
      const references = await resolveReferences(
        db,
        items.map((item) => ({ before: item.before, after: item.payload })),
      );
      return { items, references, ...info };
    },

    read,

    /**
     * Publishes the proposal: its write through the record's own write path, as the approver,
     * with the proposer in the history entry, in one transaction with the decision. The proposer
     * cannot approve their own proposal (403); an update whose record changed since is refused
     * with the edit conflict (409) and the proposal stays open.
     */
    async approve(id: number, approverId: number): Promise<Proposal> {
      await db.transaction(async (tx) => {
        const proposal = await lockOpen(tx, id);
        if (proposal.proposedBy === approverId) {
          throw new HttpProblem(
            403,
            PROBLEM_TYPES.forbidden,
            'Forbidden',
            'A proposal needs a second person: another editor or an admin approves it.',
          );
        }
        const reason = typeof proposal.payload.reason === 'string' ? proposal.payload.reason : '';
        const record = await REVIEWED[proposal.entity].apply(tx, proposal, {
          userId: approverId,
          reason: reason || undefined,
          proposedBy: proposal.proposedBy,
        });
        await tx
          .update(schema.proposals)
          .set({
            state: 'approved',
            decidedBy: approverId,
            decidedAt: sql`now()`,
            targetId: record.id,
          })
          .where(eq(schema.proposals.id, id));
      });
      return read(id);
    },

    /** Closes the proposal without writing anything, saying why (its proposer may withdraw it). */
    async reject(id: number, deciderId: number, reason: string): Promise<Proposal> {
      await db.transaction(async (tx) => {
        await lockOpen(tx, id);
        await tx
          .update(schema.proposals)
          .set({ state: 'rejected', decidedBy: deciderId, decidedAt: sql`now()`, reason })
          .where(eq(schema.proposals.id, id));
      });
      return read(id);
    },
  };
}
