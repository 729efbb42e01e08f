using Cordon.Application.Data;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Federation;

/// <summary>The status resources of TAXII posts: each written with the objects it reports, read back by its poster only.</summary>
public sealed class TaxiiStatuses(CordonDb db)
{
    /// <summary>Adds a status to the unit of work of the ingest that it reports (call from its completion).</summary>
    public void Add(TaxiiStatus status) => db.TaxiiStatuses.Add(status);

    public async Task<TaxiiStatus?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        await db.TaxiiStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.OrganisationId == caller.OrganisationId, cancellationToken);
}
