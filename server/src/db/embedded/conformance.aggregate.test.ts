import mongoose, { Schema } from 'mongoose';
import { beforeAll, expect, it } from 'vitest';
import { conformance } from './conformance.harness.js';

const orgSchema = new Schema({ name: String, district: String });
const listingSchema = new Schema(
  {
    title: String,
    org: { type: Schema.Types.ObjectId, ref: 'Org' },
    kind: String,
    tags: [String],
    quota: Number,
  },
  { timestamps: true },
);

conformance(
  'aggregation and populate through mongoose',
  () => ({ Org: mongoose.model('Org', orgSchema), Listing: mongoose.model('Listing', listingSchema) }),
  (m) => {
    beforeAll(async () => {
      const [a, b] = await m.Org.create([
        { name: '阳光社工', district: '310101' },
        { name: '长者之家', district: '310104' },
      ]);
      await m.Listing.insertMany([
        { title: '助老服务', org: a!._id, kind: 'offer', tags: ['养老', '陪伴'], quota: 5 },
        { title: '场地共享', org: a!._id, kind: 'offer', tags: ['场地'], quota: 1 },
        { title: '志愿者招募', org: b!._id, kind: 'need', tags: ['养老', '志愿'], quota: 10 },
        { title: '无机构', kind: 'need', tags: [], quota: 2 },
      ]);
    });

    it('groups, sorts and projects', async () => {
      const rows = await m.Listing.aggregate([
        { $match: { kind: { $in: ['offer', 'need'] } } },
        { $group: { _id: '$kind', n: { $sum: 1 }, quota: { $sum: '$quota' }, titles: { $push: '$title' } } },
        { $sort: { _id: 1 } },
        { $project: { _id: 0, kind: '$_id', n: 1, quota: 1, first: { $arrayElemAt: ['$titles', 0] } } },
      ]);
      expect(rows).toEqual([
        { n: 2, quota: 12, kind: 'need', first: '志愿者招募' },
        { n: 2, quota: 6, kind: 'offer', first: '助老服务' },
      ]);
    });

    it('unwinds and counts tags', async () => {
      const rows = await m.Listing.aggregate([
        { $unwind: '$tags' },
        { $group: { _id: '$tags', n: { $sum: 1 } } },
        { $sort: { n: -1, _id: 1 } },
        { $limit: 2 },
      ]);
      expect(rows).toEqual([
        { _id: '养老', n: 2 },
        { _id: '场地', n: 1 },
      ]);
    });

    it('joins with $lookup (localField/foreignField and pipeline form)', async () => {
      const rows = await m.Listing.aggregate([
        { $match: { title: '助老服务' } },
        { $lookup: { from: 'orgs', localField: 'org', foreignField: '_id', as: 'orgDoc' } },
        { $unwind: '$orgDoc' },
        { $project: { _id: 0, title: 1, orgName: '$orgDoc.name' } },
      ]);
      expect(rows).toEqual([{ title: '助老服务', orgName: '阳光社工' }]);

      const withPipeline = await m.Org.aggregate([
        { $sort: { name: 1 } },
        {
          $lookup: {
            from: 'listings',
            let: { orgId: '$_id' },
            pipeline: [{ $match: { $expr: { $eq: ['$org', '$$orgId'] } } }, { $count: 'n' }],
            as: 'counts',
          },
        },
        { $project: { _id: 0, name: 1, n: { $ifNull: [{ $arrayElemAt: ['$counts.n', 0] }, 0] } } },
      ]);
      expect(withPipeline).toEqual([
        { name: '长者之家', n: 1 },
        { name: '阳光社工', n: 2 },
      ]);
    });

    it('runs $facet with counts and a page', async () => {
      const [facets] = await m.Listing.aggregate([
        { $match: { quota: { $gte: 1 } } },
        {
          $facet: {
            total: [{ $count: 'n' }],
            byKind: [{ $group: { _id: '$kind', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            page: [{ $sort: { quota: -1 } }, { $limit: 2 }, { $project: { _id: 0, title: 1 } }],
          },
        },
      ]);
      expect(facets).toEqual({
        total: [{ n: 4 }],
        byKind: [
          { _id: 'need', n: 2 },
          { _id: 'offer', n: 2 },
        ],
        page: [{ title: '志愿者招募' }, { title: '助老服务' }],
      });
    });

    it('populates references', async () => {
      const listings = await m.Listing.find({ org: { $ne: null } })
        .sort({ title: 1 })
        .populate<{ org: { name: string } }>('org', 'name')
        .lean();
      expect(listings.map((l) => [l.title, l.org.name])).toEqual([
        ['助老服务', '阳光社工'],
        ['场地共享', '阳光社工'],
        ['志愿者招募', '长者之家'],
      ]);
      const org = await m.Org.findOne({ name: '阳光社工' });
      const same = await m.Listing.find({ org: org!._id }).countDocuments();
      expect(same).toBe(2);
    });

    it('does not let an aggregation change stored documents', async () => {
      await m.Listing.aggregate([
        { $lookup: { from: 'orgs', localField: 'org', foreignField: '_id', as: 'o' } },
        { $unwind: '$o' },
        { $set: { 'o.name': 'changed', quota: 0 } },
      ]);
      expect(await m.Org.countDocuments({ name: 'changed' })).toBe(0);
      expect(await m.Listing.countDocuments({ quota: 0 })).toBe(0);
    });
  },
);
