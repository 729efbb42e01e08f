using Cordon.Application.Data;

namespace Cordon.Application.Audit;

/// <summary>
/// An item type whose content the audit log keeps a hash of after every change (cases, requests): the canonical form of
/// each item as the store holds it, so that <c>cordon audit verify --content</c> can name a row altered outside Cordon.
/// Every write to such an item must go through <see cref="AuditLog.WriteAsync{T}"/> naming the item.
/// </summary>
public interface IAuditedContent
{
    string ItemType { get; }

    /// <summary>The canonical content of each item that exists, read from the store (within the current transaction).</summary>
    Task<IReadOnlyDictionary<Guid, string>> CanonicalAsync(CordonDb db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Every item's id, for the content check: keyset pages in id order.</summary>
    Task<IReadOnlyList<Guid>> IdsAfterAsync(CordonDb db, Guid? after, int count, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="ids"/> still exist.</summary>
    Task<IReadOnlyList<Guid>> ExistingAsync(CordonDb db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}
