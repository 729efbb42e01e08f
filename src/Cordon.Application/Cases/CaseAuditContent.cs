using System.Security.Cryptography;
using Cordon.Application.Audit;
using Cordon.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Cases;

/// <summary>
/// A case's content as its audit records keep it: the case, its communities and identifiers, its notes, and its
/// attachments with the SHA-256 of the stored bytes (not of the row's own hash column).
/// </summary>
public sealed class CaseAuditContent : IAuditedContent
{
    public string ItemType => "case";

    public async Task<IReadOnlyDictionary<Guid, string>> CanonicalAsync(CordonDb db, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken)
    {
        var cases = await db.Cases.AsNoTracking().Include(c => c.Communities).Include(c => c.Identifiers)
            .Where(c => ids.Contains(c.Id)).AsSplitQuery().ToListAsync(cancellationToken);
        var notes = (await db.CaseNotes.AsNoTracking().Where(n => ids.Contains(n.CaseId)).ToListAsync(cancellationToken)).ToLookup(n => n.CaseId);
        var attachments = (await db.CaseAttachments.AsNoTracking().Where(a => ids.Contains(a.CaseId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.CaseId);
        return cases.ToDictionary(c => c.Id, c => CanonicalJson.Of(new
        {
            c.Id,
            c.OrganisationId,
            Category = c.Category.ToString(),
            LossAmount = CanonicalJson.Amount(c.LossAmount),
            c.LossCurrency,
            c.VictimCountry,
            OccurredAt = CanonicalJson.Time(c.OccurredAt),
            c.Reference,
            c.Summary,
            Status = c.Status.ToString(),
            Tlp = c.Tlp.ToString(),
            Distribution = c.Distribution.ToString(),
            Communities = c.Communities.Select(m => m.CommunityId).Order(),
            Identifiers = c.Identifiers.Select(i => i.ObservableId).Order(),
            CreatedAt = CanonicalJson.Time(c.CreatedAt),
            UpdatedAt = CanonicalJson.Time(c.UpdatedAt),
            Notes = notes[c.Id].OrderBy(n => n.Id).Select(n => new { n.Id, n.OrganisationId, n.Author, n.Text, CreatedAt = CanonicalJson.Time(n.CreatedAt) }),
            Attachments = attachments[c.Id].OrderBy(a => a.Id).Select(a => new
            {
                a.Id,
                a.FileName,
                a.MediaType,
                a.Size,
                a.Sha256,
                StoredSha256 = Convert.ToHexStringLower(SHA256.HashData(a.Content)),
                a.Author,
                CreatedAt = CanonicalJson.Time(a.CreatedAt),
            }),
        }));
    }

    public async Task<IReadOnlyList<Guid>> IdsAfterAsync(CordonDb db, Guid? after, int count, CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking().Where(c => after == null || c.Id.CompareTo(after.Value) > 0).OrderBy(c => c.Id).Select(c => c.Id)
            .Take(count).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> ExistingAsync(CordonDb db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
}
