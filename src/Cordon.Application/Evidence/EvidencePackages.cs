using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cordon.Application.Audit;
using Cordon.Application.Cases;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Response;
using Cordon.Core.Audit;
using Cordon.Core.Evidence;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Evidence;

/// <summary>
/// Evidence packages: one ZIP a court in another country can check offline (<see cref="EvidenceVerifier"/>). It holds
/// what the requester may see of a case (or a request) at that moment, the audit records about it with their inclusion
/// proofs, a signed tree head with the witness reports the node holds, the node's public key, and a manifest of every
/// file's SHA-256 signed by the node. The export is itself an audit record, inside the package.
/// </summary>
public sealed class EvidencePackages(
    CordonDb db,
    AuditLog audit,
    TransparencyLog log,
    AuditSigningKey signingKey,
    CaseService cases,
    RequestService requests,
    IEnumerable<IAuditedContent> contents,
    TimeProvider clock)
{
    private const int MaxAuditRecords = 10_000;

    public async Task ForCaseAsync(Caller caller, Guid caseId, Stream output, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Read);
        var view = await cases.GetAsync(caller, caseId, cancellationToken);
        var files = new PackageFiles();
        var attachments = new List<object>();
        foreach (var attachment in view.Attachments)
        {
            var stored = await cases.AttachmentAsync(caller, caseId, attachment.Id, cancellationToken);
            var path = $"attachments/{attachment.Id:N}-{SafeName(attachment.FileName)}";
            files.Add(path, stored.Content);
            attachments.Add(new { attachment.Id, attachment.FileName, attachment.MediaType, attachment.Size, attachment.Sha256, attachment.Author, attachment.CreatedAt, Path = path });
        }
        var observableIds = view.Case.Identifiers.Select(i => i.ObservableId).ToList();
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Observable).VisibleTo(caller.Viewer)
            .Where(i => observableIds.Contains(i.ObservableId)).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        var linkedRequests = await requests.ForCaseAsync(caller, caseId, view.Case.Reference, cancellationToken);
        var caseJson = new
        {
            view.Case.Id,
            Reporter = new { view.Reporter.Id, view.Reporter.Name, view.Reporter.Country },
            Category = view.Case.Category.ToString(),
            Loss = new { Amount = view.Case.LossAmount, Currency = view.Case.LossCurrency },
            view.Case.VictimCountry,
            view.Case.OccurredAt,
            view.Case.Reference,
            view.Case.Summary,
            Status = view.Case.Status.ToString(),
            Tlp = view.Case.Tlp.ToString(),
            Distribution = view.Case.Distribution.ToString(),
            // Display, never Value: a card number's value is the node's keyed hash of it.
            Identifiers = view.Case.Identifiers.Select(i => new { Type = i.Observable.Type.ToString(), Value = i.Observable.Display }),
            view.Case.CreatedAt,
            view.Case.UpdatedAt,
            Notes = view.Notes.Select(n => new { n.Id, n.Author, n.Text, n.CreatedAt }),
            Attachments = attachments,
        };
        files.AddJson("case.json", caseJson);
        files.AddJson("correlations.json", view.Correlations.Select(c => new
        {
            Identifier = new { Type = c.Identifier.Type.ToString(), Value = c.Identifier.Display },
            c.NonCorrelating,
            c.OtherCases,
            c.Indicators,
            c.Organisations,
            c.Countries,
            c.CaseIds,
        }));
        files.AddJson("indicators.json", indicators.Select(i => new
        {
            i.Id,
            i.OrganisationId,
            Type = i.Observable.Type.ToString(),
            Value = i.Observable.Display,
            i.Confidence,
            i.FirstSeen,
            i.LastSeen,
            i.ValidUntil,
            Tlp = i.Tlp.ToString(),
            Distribution = i.Distribution.ToString(),
            i.CreatedAt,
            i.RevokedAt,
        }));
        files.AddJson("requests.json", linkedRequests.Select(r => RequestJson(r, caller.OrganisationId)));
        files.Add("case.en.html", Encoding.UTF8.GetBytes(CasePage.Render(view, linkedRequests, indicators.Count, "en")));
        files.Add("case.zh.html", Encoding.UTF8.GetBytes(CasePage.Render(view, linkedRequests, indicators.Count, "zh")));
        var contentItems = new List<(Guid Id, string Type)>();
        if (view.IsOwner)
        {
            contentItems.Add((caseId, "case")); // the canonical content names the owner's own actors
        }
        contentItems.AddRange(linkedRequests.Where(r => OnlyOwnActors(r, caller.OrganisationId)).Select(r => (r.Request.Id, "request")));
        Guid[] owners = [view.Case.OrganisationId, .. linkedRequests.SelectMany(r => Parties(r.Request))];
        await WriteAsync(caller, "case", caseId, owners, [caseId, .. linkedRequests.Select(r => r.Request.Id), .. indicators.Select(i => i.Id)],
            contentItems, files, output, cancellationToken);
    }

    public async Task ForRequestAsync(Caller caller, Guid requestId, Stream output, CancellationToken cancellationToken = default)
    {
        caller.Actor.Demand(Permission.Read);
        var view = await requests.GetAsync(caller, requestId, cancellationToken);
        var files = new PackageFiles();
        files.AddJson("request.json", RequestJson(view, caller.OrganisationId));
        files.Add("request.en.html", Encoding.UTF8.GetBytes(CasePage.RenderRequest(view, "en")));
        files.Add("request.zh.html", Encoding.UTF8.GetBytes(CasePage.RenderRequest(view, "zh")));
        await WriteAsync(caller, "request", requestId, [.. Parties(view.Request)], [requestId],
            OnlyOwnActors(view, caller.OrganisationId) ? [(requestId, "request")] : [], files, output, cancellationToken);
    }

    /// <summary>
    /// A request's canonical content names every actor of its history: it goes into a package (as a content proof) only
    /// when they are all the requester's own.
    /// </summary>
    private static bool OnlyOwnActors(RequestView view, Guid requester) =>
        (view.Request.SenderId == requester || view.Request.RecipientId == requester) && view.History.All(t => t.ByOrganisationId == requester);

    /// <summary>A request as a party sees it: who acted is named only for the requester's own organisation.</summary>
    private static object RequestJson(RequestView view, Guid requester) => new
    {
        view.Request.Id,
        Kind = view.Request.Kind.ToString(),
        Priority = view.Request.Priority.ToString(),
        State = view.Request.State.ToString(),
        view.Request.SenderId,
        view.Request.RecipientId,
        view.Request.CommunityId,
        view.Request.Targets,
        view.Request.Amount,
        view.Request.Currency,
        view.Request.TransactionRef,
        view.Request.CaseRef,
        view.Request.LegalBasis,
        view.Request.Description,
        view.Request.Outcome,
        view.Request.AmountFrozen,
        view.Request.OutcomeCurrency,
        view.Request.DeclineReason,
        view.Request.SentAt,
        Deadlines = new
        {
            Acknowledge = view.Request.AcknowledgeDueAt,
            Action = view.Request.ActionDueAt,
            Expires = view.Request.ExpiresAt,
            AcknowledgeBreachedAt = view.Request.AcknowledgeBreachedAt,
            ActionBreachedAt = view.Request.ActionBreachedAt,
        },
        view.Request.AcknowledgedAt,
        view.Request.ActionedAt,
        view.Request.ClosedAt,
        History = view.History.Select(t => new
        {
            From = t.From.ToString(),
            To = t.To.ToString(),
            t.ByOrganisationId,
            ByActor = t.ByOrganisationId == requester ? t.ByActor : null,
            t.Note,
            t.At,
        }),
    };

    /// <summary>Records the export, then adds the audit proofs under a head that includes it, signs the manifest and writes the ZIP.</summary>
    private static IEnumerable<Guid> Parties(ResponseRequest request) =>
        request.RecipientId is { } recipient ? [request.SenderId, recipient] : [request.SenderId];

    private async Task WriteAsync(Caller caller, string subjectType, Guid subjectId, IReadOnlyCollection<Guid> owners, IReadOnlyList<Guid> items,
        IReadOnlyList<(Guid Id, string Type)> contentItems, PackageFiles files, Stream output, CancellationToken cancellationToken)
    {
        var exportRecord = await audit.WriteAsync(caller.Actor, () => Task.FromResult(new AuditedChange<long>(audit.PendingSequence,
            $"{subjectType}.evidence_export", subjectType, [subjectId], new { Files = files.Count, Items = items.Count })), cancellationToken);
        var head = await log.HeadAsync(cancellationToken);
        var publicKey = await log.PublicKeyAsync(cancellationToken);
        var records = await RecordsAboutAsync(caller, owners, items, exportRecord, head.Size, cancellationToken);
        var proven = new List<EvidenceAuditRecord>();
        foreach (var record in records)
        {
            var proof = await log.InclusionAsync(record.Sequence, head.Size, cancellationToken);
            // Records of other organisations, and the node's own system records (which may name items of anyone), are
            // proven by their leaf hash only: their content is not the requester's to read.
            var readable = record.OrganisationId == caller.OrganisationId || caller.Actor.Grants(Permission.OperateNode);
            proven.Add(new EvidenceAuditRecord(record.Sequence, record.Action, record.At, readable ? proof.Leaf : null, proof.LeafHash, proof.AuditPath));
        }
        files.AddJson(EvidenceManifest.RecordsPath, proven);
        var proofs = new List<EvidenceContentProof>();
        foreach (var (id, type) in contentItems)
        {
            var content = contents.FirstOrDefault(c => c.ItemType == type);
            var last = await db.AuditContents.AsNoTracking().Where(c => c.ItemId == id && c.Sequence <= head.Size).OrderByDescending(c => c.Sequence)
                .FirstOrDefaultAsync(cancellationToken);
            if (content is null || last is null || !proven.Any(r => r.Sequence == last.Sequence && r.Leaf is not null)
                || (await content.CanonicalAsync(db, [id], cancellationToken)).GetValueOrDefault(id) is not { } canonical)
            {
                continue;
            }
            var path = $"audit/content/{type}-{id:N}.json";
            files.Add(path, Encoding.UTF8.GetBytes(canonical));
            proofs.Add(new EvidenceContentProof(id, type, last.Sequence, path));
        }
        files.AddJson("audit/content-proofs.json", proofs);
        files.Add(EvidenceManifest.TreeHeadPath, Encoding.UTF8.GetBytes(PublishedTreeHead.From(head, publicKey).ToJson()));
        // Which peers witness this node is the node operator's to know.
        var witnesses = caller.Actor.Grants(Permission.OperateNode)
            ? await db.WitnessReports.AsNoTracking().OrderByDescending(w => w.ReceivedAt).Take(200).ToListAsync(cancellationToken)
            : [];
        files.AddJson("audit/witnesses.json", witnesses.GroupBy(w => w.Witness).Select(g => g.First()).Select(w => new
        {
            w.Witness,
            w.Size,
            w.RootHash,
            w.Consistent,
            w.ReceivedAt,
            WitnessHead = JsonSerializer.Deserialize<JsonElement>(w.WitnessHead),
        }));
        files.Add(EvidenceManifest.PublicKeyPath, Encoding.ASCII.GetBytes(new string(PemEncoding.Write("PUBLIC KEY", publicKey)) + "\n"));
        files.Add("README.txt", Encoding.UTF8.GetBytes(Readme));
        var manifest = new EvidenceManifest(EvidenceManifest.Version, signingKey.NodeName, clock.GetUtcNow(), subjectType, subjectId,
            caller.OrganisationId, caller.Actor.ActorId, exportRecord, files.Manifest());
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, EvidenceManifest.Json);
        var key = await signingKey.GetAsync(db, cancellationToken);
        var signature = key.Key.SignData(manifestBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Write(zip, EvidenceManifest.ManifestPath, manifestBytes);
        Write(zip, EvidenceManifest.SignaturePath, Encoding.ASCII.GetBytes(Convert.ToBase64String(signature) + "\n"));
        foreach (var (path, content) in files.All)
        {
            Write(zip, path, content);
        }
    }

    /// <summary>
    /// The audit records that name the package's items (and the export itself): the requester's own, and what the owner
    /// of the case and the parties of its requests did — never another organisation's reads, exports, sightings or
    /// reports on others' indicators, which are not the requester's to know.
    /// </summary>
    private async Task<List<AuditRecord>> RecordsAboutAsync(Caller caller, IReadOnlyCollection<Guid> owners, IReadOnlyList<Guid> items, long exportRecord,
        long headSize, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, AuditRecord>();
        foreach (var id in items.Distinct())
        {
            var text = id.ToString("D");
            var about = await db.AuditRecords.AsNoTracking()
                .Where(a => a.Sequence <= headSize && a.ItemIds.Contains(text)
                            && (a.OrganisationId == caller.OrganisationId
                                || (owners.Contains(a.OrganisationId) && a.Action != "read.restricted" && !a.Action.EndsWith(".evidence_export"))))
                .OrderBy(a => a.Sequence).Take(MaxAuditRecords).ToListAsync(cancellationToken);
            foreach (var record in about)
            {
                found.TryAdd(record.Sequence, record);
            }
        }
        if (!found.ContainsKey(exportRecord))
        {
            found[exportRecord] = await db.AuditRecords.AsNoTracking().SingleAsync(a => a.Sequence == exportRecord, cancellationToken);
        }
        return [.. found.Values.OrderBy(r => r.Sequence)];
    }

    private static void Write(ZipArchive zip, string path, byte[] content)
    {
        // Stored, not compressed: a reader (or a leak check) sees the text as it is, and a damaged byte stays in one file.
        var entry = zip.CreateEntry(path, CompressionLevel.NoCompression);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static string SafeName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        return safe.Length <= 80 ? safe : safe[^80..];
    }

    private const string Readme = """
        Cordon evidence package (cordon-evidence-v1)

        manifest.json lists every file with its SHA-256 and size; manifest.sig is the node's ECDSA P-256 signature
        (SHA-256, DER, base64) over manifest.json, under the key in audit/public-key.pem.
        audit/tree-head.json is the node's signed head of its audit log (RFC 9162 Merkle tree); audit/records.json holds
        every audit record about the items in this package with its inclusion proof under that head (records of other
        organisations' actors as their leaf hash only). audit/content-proofs.json ties the canonical content of items in
        audit/content/ to the record that committed to it. audit/witnesses.json holds what federation peers reported
        having seen of this node's log.

        Check it offline:  cordon evidence verify <this file> [--key <PEM of the node's key, obtained separately>]
        """;

    private sealed class PackageFiles
    {
        private readonly List<(string Path, byte[] Content)> files = [];

        public int Count => files.Count;

        public IReadOnlyList<(string Path, byte[] Content)> All => files;

        public void Add(string path, byte[] content) => files.Add((path, content));

        public void AddJson(string path, object value) => Add(path, JsonSerializer.SerializeToUtf8Bytes(value, EvidenceManifest.Json));

        public List<EvidenceFile> Manifest() =>
            files.Select(f => new EvidenceFile(f.Path, EvidenceManifest.Sha256Of(f.Content), f.Content.Length)).ToList();
    }
}
