using Cordon.Core.Members;
using Cordon.Core.Security;

namespace Cordon.Core.Tests;

public sealed class MembersTests
{
    [Fact]
    public void Countries_HoldAllIso3166Codes()
    {
        Assert.Equal(249, Countries.Count);
    }

    [Theory]
    [InlineData("gb", "GB")]
    [InlineData("HK", "HK")]
    [InlineData("cn", "CN")]
    [InlineData("zz", "ZZ")]
    [InlineData("XX", null)]
    [InlineData("UK", null)]
    [InlineData("GBR", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("g", null)]
    public void Countries_Normalise(string? input, string? expected) => Assert.Equal(expected, Countries.Normalise(input));

    [Fact]
    public void Admin_GrantsEveryRole_AndAnyRoleGrantsViewer()
    {
        var admin = RoleSet.ToFlags([Role.Admin]);
        Assert.All(Enum.GetValues<Role>(), role => Assert.True(RoleSet.Grants(admin, role)));
        var analyst = RoleSet.ToFlags([Role.Analyst]);
        Assert.True(RoleSet.Grants(analyst, Role.Viewer));
        Assert.True(RoleSet.Grants(analyst, Role.Analyst));
        Assert.False(RoleSet.Grants(analyst, Role.Responder));
        Assert.False(RoleSet.Grants(analyst, Role.Admin));
        Assert.False(RoleSet.Grants(0, Role.Viewer));
        Assert.Equal([Role.Analyst, Role.Responder], RoleSet.FromFlags(RoleSet.ToFlags([Role.Responder, Role.Analyst, Role.Analyst])));
    }

    [Fact]
    public void MemberAdmin_AdministersOnlyItsOwnOrganisation()
    {
        var own = Guid.NewGuid();
        var memberAdmin = new Actor(own, ActorKind.ApiKey, "k", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: false);
        Assert.True(memberAdmin.MayAdminister(own));
        Assert.False(memberAdmin.MayAdminister(Guid.NewGuid()));
        Assert.False(memberAdmin.Grants(Permission.OperateNode));
        var nodeAnalyst = new Actor(own, ActorKind.ApiKey, "k", RoleSet.ToFlags([Role.Analyst]), IsNodeOperator: true);
        Assert.False(nodeAnalyst.Grants(Permission.OperateNode));
        Assert.False(nodeAnalyst.MayAdminister(own));
    }

    [Theory]
    [InlineData(new[] { Role.Viewer }, false, "read")]
    [InlineData(new[] { Role.Analyst }, false, "read contribute respond")]
    [InlineData(new[] { Role.Responder }, false, "read respond")]
    [InlineData(new[] { Role.Admin }, false, "read contribute respond administer")]
    [InlineData(new[] { Role.Admin }, true, "read contribute respond administer operatenode")]
    [InlineData(new[] { Role.Analyst, Role.Responder }, true, "read contribute respond")]
    [InlineData(new Role[0], true, "")]
    public void PermissionTable_GrantsWhatEachRoleNeeds(Role[] roles, bool nodeOperator, string expected)
    {
        var actor = new Actor(Guid.NewGuid(), ActorKind.User, "u", RoleSet.ToFlags(roles), nodeOperator);
        var granted = Enum.GetValues<Permission>().Where(actor.Grants).Select(p => p.ToString().ToLowerInvariant());
        Assert.Equal(expected, string.Join(' ', granted));
        foreach (var refused in Enum.GetValues<Permission>().Where(p => !actor.Grants(p)))
        {
            Assert.Equal(Permissions.Refusal(refused), Assert.Throws<Core.Errors.ForbiddenException>(() => actor.Demand(refused)).Message);
        }
    }

    [Fact]
    public void ApiKeys_AreRandom_AndMatchOnlyTheirOwnHash()
    {
        var key = ApiKeySecret.Generate();
        Assert.StartsWith(ApiKeySecret.Marker, key, StringComparison.Ordinal);
        Assert.True(ApiKeySecret.HasPlausibleShape(key));
        Assert.NotEqual(key, ApiKeySecret.Generate());
        var salt = ApiKeySecret.NewSalt();
        var hash = ApiKeySecret.Hash(key, salt);
        Assert.True(ApiKeySecret.Matches(key, salt, hash));
        Assert.False(ApiKeySecret.Matches(key + "x", salt, hash));
        Assert.False(ApiKeySecret.Matches(key, ApiKeySecret.NewSalt(), hash));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("cdn_has a space in it so it is not a plausible key")]
    [InlineData("cdn_über-key-with-non-ascii-characters-000000")]
    public void ImplausibleKeys_AreRejectedBeforeLookup(string key) => Assert.False(ApiKeySecret.HasPlausibleShape(key));
}
