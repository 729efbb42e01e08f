using Cordon.Application.Data;
using Cordon.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Audit;

/// <summary>What <c>cordon audit verify --content</c> found: items whose content is not what their last record says.</summary>
public sealed record ContentVerification(bool Ok, long ItemsChecked, long RecordsChecked, IReadOnlyList<string> Findings);

/// <summary>
/// Recomputes every kept item's content hash (cases, requests) and compares it with the hash its last audit record
/// holds; checks each record's digest against its item hashes, so that neither the items nor the hashes can be edited
/// in the store unseen. Streams in pages.
/// </summary>
public sealed class AuditContentCheck(CordonDb db, IEnumerable<IAuditedContent> contents)
{
    private const int PageSize = 500;
    private const int MaxFindings = 1000;

    public async Task<ContentVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var findings = new List<string>();
        var records = await CheckDigestsAsync(findings, cancellationToken);
        long items = 0;
        foreach (var content in contents)
        {
            Guid? after = null;
            while (true)
            {
                var ids = await content.IdsAfterAsync(db, after, PageSize, cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }
                after = ids[^1];
                items += ids.Count;
                var current = await content.CanonicalAsync(db, ids, cancellationToken);
                var kept = (await db.AuditContents.AsNoTracking().Where(c => c.ItemType == content.ItemType && ids.Contains(c.ItemId))
                        .ToListAsync(cancellationToken))
                    .GroupBy(c => c.ItemId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Sequence)!);
                foreach (var id in ids)
                {
                    if (!kept.TryGetValue(id, out var last))
                    {
                        Add(findings, $"{content.ItemType} {id}: no audit record holds its content (written outside Cordon)");
                    }
                    else if (AuditContent.Hash(current[id]) != last.ContentHash)
                    {
                        Add(findings, $"{content.ItemType} {id}: altered outside Cordon after audit record {last.Sequence}");
                    }
                }
            }
        }
        await CheckDeletedAsync(findings, cancellationToken);
        return new ContentVerification(findings.Count == 0, items, records, findings);
    }

    /// <summary>An item that audit records hold content for must still exist: Cordon never deletes cases or requests.</summary>
    private async Task CheckDeletedAsync(List<string> findings, CancellationToken cancellationToken)
    {
        foreach (var content in contents)
        {
            var type = content.ItemType;
            Guid? after = null;
            while (true)
            {
                var ids = await db.AuditContents.AsNoTracking()
                    .Where(c => c.ItemType == type && (after == null || c.ItemId.CompareTo(after.Value) > 0))
                    .Select(c => c.ItemId).Distinct().OrderBy(id => id).Take(PageSize).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }
                after = ids[^1];
                var existing = (await content.ExistingAsync(db, ids, cancellationToken)).ToHashSet();
                foreach (var gone in ids.Where(id => !existing.Contains(id)))
                {
                    Add(findings, $"{type} {gone}: deleted outside Cordon");
                }
            }
        }
    }

    /// <summary>Every record with a content digest must hash its item rows to it, and every item row must have such a record.</summary>
    private async Task<long> CheckDigestsAsync(List<string> findings, CancellationToken cancellationToken)
    {
        long checkedRecords = 0;
        long after = 0;
        while (true)
        {
            var page = await db.AuditRecords.AsNoTracking().Where(a => a.Sequence > after && a.ContentDigest != null)
                .OrderBy(a => a.Sequence).Take(PageSize).Select(a => new { a.Sequence, a.ContentDigest }).ToListAsync(cancellationToken);
            var from = after;
            var to = page.Count == PageSize ? page[^1].Sequence : long.MaxValue;
            var rows = (await db.AuditContents.AsNoTracking().Where(c => c.Sequence > from && c.Sequence <= to).ToListAsync(cancellationToken))
                .ToLookup(c => c.Sequence);
            var digests = page.ToDictionary(p => p.Sequence, p => p.ContentDigest);
            foreach (var record in page)
            {
                if (AuditContent.Digest(rows[record.Sequence].Select(r => (r.ItemId, r.ContentHash))) != record.ContentDigest)
                {
                    Add(findings, $"record {record.Sequence}: its item content hashes were altered");
                }
            }
            foreach (var orphan in rows.Where(g => !digests.ContainsKey(g.Key)))
            {
                Add(findings, $"record {orphan.Key}: content hashes kept for a record that has none");
            }
            checkedRecords += page.Count;
            if (page.Count < PageSize)
            {
                return checkedRecords;
            }
            after = page[^1].Sequence;
        }
    }

    private static void Add(List<string> findings, string finding)
    {
        if (findings.Count < MaxFindings)
        {
            findings.Add(finding);
        }
    }
}
