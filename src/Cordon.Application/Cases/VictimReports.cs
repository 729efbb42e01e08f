using System.Security.Cryptography;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Core.Cases;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Cases;

/// <summary>What a victim tells the public report form: free text, what they gave away, and how to reach them.</summary>
public sealed record VictimReport(
    Category? Category,
    string? WhatHappened,
    DateTimeOffset? OccurredAt,
    decimal? Amount,
    string? Currency,
    string? Country,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Sites,
    IReadOnlyList<string> Handles,
    string? Contact);

/// <summary>
/// Victims' reports from the public page: each becomes a case of the node's intake organisation
/// (<c>Cordon:Public:IntakeOrganisation</c>, its name or id), kept to that organisation (TLP:AMBER, organisation only)
/// until its analysts decide otherwise, with a reference the victim can quote. Every value is normalised as any case's;
/// a number or account that cannot be read is refused with the field, so the victim can correct it.
/// </summary>
public sealed class VictimReports(CordonDb db, CaseService cases, CallerDirectory callers, IdentifierNormalisation normalisation, IConfiguration configuration,
    TimeProvider clock)
{
    public const int MaxIdentifiersPerField = 20;

    /// <summary>The intake organisation, or null when this node takes no reports from the public.</summary>
    public async Task<Organisation?> IntakeAsync(CancellationToken cancellationToken)
    {
        var setting = configuration["Cordon:Public:IntakeOrganisation"];
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }
        return Guid.TryParse(setting, out var id)
            ? await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.HomeNode == null, cancellationToken)
            : await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == setting && o.HomeNode == null, cancellationToken);
    }

    /// <summary>Files the report as a case of the intake organisation; answers the reference to give the victim.</summary>
    public async Task<string> SubmitAsync(VictimReport report, CancellationToken cancellationToken = default)
    {
        var intake = await IntakeAsync(cancellationToken) ?? throw new NotFoundException("intake organisation");
        var what = InputText.Multiline(report.WhatHappened, "whatHappened", 3000);
        var when = report.OccurredAt ?? throw new InvalidInputException("occurredAt", "say when it happened.");
        if (when > clock.GetUtcNow().AddDays(1) || when < clock.GetUtcNow().AddYears(-10))
        {
            throw new InvalidInputException("occurredAt", "must be a date in the last ten years.");
        }
        var country = report.Country is { Length: > 0 } given
            ? Countries.Normalise(given) ?? throw new InvalidInputException("country", "must be two letters, such as HK.")
            : intake.Country;
        var context = normalisation.For(country);
        var identifiers = new List<CaseIdentifierInput>();
        Add(identifiers, report.Phones, "phones", [IdentifierType.Phone], context);
        Add(identifiers, report.Accounts, "accounts", [IdentifierType.BankAccount, IdentifierType.CryptoWallet, IdentifierType.PaymentCard], context);
        Add(identifiers, report.Sites, "sites", [IdentifierType.Url, IdentifierType.Domain, IdentifierType.Email, IdentifierType.App], context);
        Add(identifiers, report.Handles, "handles", [IdentifierType.Handle, IdentifierType.Email], context);
        var contact = string.IsNullOrWhiteSpace(report.Contact) ? null : InputText.Required(report.Contact, "contact", 200);
        var reference = await NewReferenceAsync(intake.Id, cancellationToken);
        var caller = new Caller(new Actor(intake.Id, ActorKind.System, "public-report", RoleSet.ToFlags([Role.Analyst]), IsNodeOperator: false),
            await callers.ViewerAsync(intake.Id, cancellationToken));
        await cases.CreateAsync(caller, new CaseSubmission(report.Category ?? Category.Other,
            new Money(report.Amount ?? 0, report.Amount is > 0 ? report.Currency : report.Currency ?? "USD"), country, when, Tlp.Amber,
            Distribution.Organisation, null, identifiers, reference,
            contact is null ? $"Reported by the victim on the public page:\n{what}" : $"Reported by the victim on the public page:\n{what}\n\nContact: {contact}",
            CaseStatus.Open), cancellationToken);
        return reference;
    }

    /// <summary>A reference the victim can read out on the phone, not yet used by the intake organisation's cases.</summary>
    private async Task<string> NewReferenceAsync(Guid intake, CancellationToken cancellationToken)
    {
        while (true)
        {
            var reference = $"VR-{clock.GetUtcNow():yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}";
            if (!await db.Cases.AnyAsync(c => c.OrganisationId == intake && c.Reference == reference, cancellationToken))
            {
                return reference;
            }
        }
    }

    /// <summary>Each line a victim wrote, read as the first type it makes sense as (an account may be a bank account or a wallet).</summary>
    private static void Add(List<CaseIdentifierInput> identifiers, IReadOnlyList<string> lines, string field, IdentifierType[] types, NormalisationContext context)
    {
        var values = lines.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().ToList();
        if (values.Count > MaxIdentifiersPerField)
        {
            throw new InvalidInputException(field, $"give at most {MaxIdentifiersPerField}, one per line.");
        }
        foreach (var value in values)
        {
            if (value.Length > 500)
            {
                throw new InvalidInputException(field, "one of the lines is too long.");
            }
            var type = types.Cast<IdentifierType?>().FirstOrDefault(t => Reads(t!.Value, value, context))
                       ?? throw new InvalidInputException(field, "one of the lines could not be read; check it, or leave it out.");
            identifiers.Add(new CaseIdentifierInput(type, value));
        }
    }

    private static bool Reads(IdentifierType type, string value, NormalisationContext context)
    {
        try
        {
            IdentifierNormaliser.Normalise(type, value, context);
            return true;
        }
        catch (InvalidInputException)
        {
            return false;
        }
    }
}
