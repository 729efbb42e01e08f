using System.Linq.Expressions;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;

namespace Cordon.Core.Sharing;

/// <summary>
/// Where an entity keeps the parts of its marking, as expressions over the entity: what <see cref="MarkingFilter.For"/>
/// needs to write the access policy into a query. <c>Type</c> is null for entities that are not identifiers; an entity
/// has either a set of categories (<c>CategoryFlags</c>) or one <c>Category</c>.
/// </summary>
public sealed record MarkingShape<T>(
    Expression<Func<T, Guid>> Owner,
    Expression<Func<T, Tlp>> Tlp,
    Expression<Func<T, Distribution>> Distribution,
    Expression<Func<T, IEnumerable<Guid>>> Communities,
    Expression<Func<T, IdentifierType>>? Type = null,
    Expression<Func<T, int>>? CategoryFlags = null,
    Expression<Func<T, Category>>? Category = null);

/// <summary>
/// <see cref="AccessPolicy.CanSee(Viewer, Marking)"/> as a query filter, so that invisible rows never leave the
/// database (and so never reach counts or pages). The rule is written once below over the marking's parts; an
/// entity's <see cref="MarkingShape{T}"/> says where those parts are.
/// </summary>
public static class MarkingFilter
{
    public static Expression<Func<T, bool>> For<T>(Viewer viewer, MarkingShape<T> shape)
    {
        var item = Expression.Parameter(typeof(T), "item");
        var owner = Part(shape.Owner, item);
        var tlp = Part(shape.Tlp, item);
        var distribution = Part(shape.Distribution, item);
        var communities = Part(shape.Communities, item);
        Expression rule;
        if (viewer.Peer is { } peer)
        {
            var tlps = Enum.GetValues<Tlp>().Where(peer.AllowsTlp).ToList();
            var allowed = peer.AllowedCategories;
            rule = Rule((Distribution d, Tlp t) => d == Sharing.Distribution.Federation && tlps.Contains(t), distribution, tlp);
            if (shape.Type is not null)
            {
                var type = Part(shape.Type, item);
                var types = Enum.GetValues<IdentifierType>().Where(peer.AllowsType).ToList();
                var neverLeaves = Enum.GetValues<IdentifierType>().Single(t => !PeerRules.MayEverLeave(t));
                // "Every type that may leave" is written as the one type that may not, rather than IN (all the others): a
                // long IN list on the observable's type leads SQLite's planner to start from the observables.
                rule = Expression.AndAlso(rule, peer.AllowedTypes == 0
                    ? Rule((IdentifierType y) => y != neverLeaves, type)
                    : Rule((IdentifierType y) => types.Contains(y), type));
            }
            if (allowed != 0 && shape.CategoryFlags is not null)
            {
                rule = Expression.AndAlso(rule, Rule((int c) => (c & allowed) != 0, Part(shape.CategoryFlags, item)));
            }
            else if (allowed != 0 && shape.Category is not null)
            {
                var categories = Enum.GetValues<Category>().Where(c => peer.AllowsCategories(CategorySet.Flag(c))).ToList();
                rule = Expression.AndAlso(rule, Rule((Category c) => categories.Contains(c), Part(shape.Category, item)));
            }
            else if (allowed != 0)
            {
                throw new ArgumentException("The shape names no categories.", nameof(shape));
            }
        }
        else
        {
            var organisationId = viewer.OrganisationId;
            var communityIds = viewer.CommunityIds.ToList();
            rule = Rule((Guid o, Tlp t, Distribution d, IEnumerable<Guid> cs) =>
                    o == organisationId
                    || (t != Sharing.Tlp.Red
                        && (d == Sharing.Distribution.Node || d == Sharing.Distribution.Federation
                            || (d == Sharing.Distribution.Communities && cs.Any(c => communityIds.Contains(c))))),
                owner, tlp, distribution, communities);
        }
        return Expression.Lambda<Func<T, bool>>(rule, item);
    }

    /// <summary>An entity's part, rewritten over the filter's own parameter.</summary>
    private static Expression Part<T, TPart>(Expression<Func<T, TPart>> part, ParameterExpression item) =>
        new Substitution(part.Parameters[0], item).Visit(part.Body);

    /// <summary>A rule's body with its parameters replaced by the entity's parts.</summary>
    private static Expression Rule(LambdaExpression rule, params Expression[] parts)
    {
        var body = rule.Body;
        for (var i = 0; i < parts.Length; i++)
        {
            body = new Substitution(rule.Parameters[i], parts[i]).Visit(body);
        }
        return body;
    }

    private static Expression Rule<T1>(Expression<Func<T1, bool>> rule, Expression part) => Rule((LambdaExpression)rule, part);

    private static Expression Rule<T1, T2>(Expression<Func<T1, T2, bool>> rule, Expression first, Expression second) =>
        Rule((LambdaExpression)rule, first, second);

    private static Expression Rule<T1, T2, T3, T4>(Expression<Func<T1, T2, T3, T4, bool>> rule, Expression a, Expression b, Expression c,
        Expression d) => Rule((LambdaExpression)rule, a, b, c, d);

    private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
