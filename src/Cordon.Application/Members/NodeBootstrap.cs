using Cordon.Application.Data;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Members;

/// <summary>What the node needs on first start: <c>Cordon:Node:*</c> and <c>Cordon:Bootstrap:AdminKey</c>.</summary>
public sealed record BootstrapSettings(string NodeName, string Country, string? AdminKey)
{
    /// <summary>The same settings for the server and the CLI: <c>Cordon:Node:Name</c>, <c>Cordon:Node:Country</c>,
    /// <c>Cordon:Bootstrap:AdminKey</c>.</summary>
    public static BootstrapSettings FromConfiguration(IConfiguration configuration) => new(
        configuration["Cordon:Node:Name"] ?? "Cordon node operator",
        configuration["Cordon:Node:Country"] ?? Countries.Unknown,
        string.IsNullOrWhiteSpace(configuration["Cordon:Bootstrap:AdminKey"]) ? null : configuration["Cordon:Bootstrap:AdminKey"]);
}

/// <summary>The organisation and admin key created on first start; <c>GeneratedKey</c> is null when configured.</summary>
public sealed record BootstrapResult(Guid OrganisationId, Guid KeyId, string? GeneratedKey);

/// <summary>On an empty store, creates the node operator's organisation and its first admin key.</summary>
public sealed class NodeBootstrap(CordonDb db, MemberDirectory directory)
{
    /// <summary>Returns null when the store already has organisations.</summary>
    public async Task<BootstrapResult?> EnsureAsync(BootstrapSettings settings, CancellationToken cancellationToken = default)
    {
        if (await db.Organisations.AnyAsync(cancellationToken))
        {
            return null;
        }
        var system = new Actor(Guid.Empty, ActorKind.System, "bootstrap", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
        var organisation = await directory.CreateOrganisationAsync(system, settings.NodeName, Sector.Other, settings.Country,
            isNodeOperator: true, cancellationToken);
        var issued = await directory.CreateKeyAsync(system with { OrganisationId = organisation.Id }, organisation.Id,
            "bootstrap admin", [Role.Admin], settings.AdminKey, cancellationToken);
        return new BootstrapResult(organisation.Id, issued.Key.Id, settings.AdminKey is null ? issued.Secret : null);
    }
}
