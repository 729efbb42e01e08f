using System.Collections.ObjectModel;

namespace Cordon.Core.Stix.Patterns;

/// <summary>
/// A recursive-descent parser for the STIX 2.1 pattern grammar (§9 and its ANTLR grammar). Recursion happens only at
/// parentheses, which are counted against <see cref="StixPattern.MaxDepth"/>; chains of one operator are read in a
/// loop into one flat node.
/// </summary>
internal sealed class PatternParser
{
    private readonly PatternLexer lexer;
    private Token current;
    private int depth;

    private PatternParser(string text)
    {
        lexer = new PatternLexer(text);
        current = lexer.Next();
    }

    public static PatternExpression ParsePattern(string text)
    {
        var parser = new PatternParser(text);
        if (parser.current.Kind == TokenKind.End)
        {
            throw parser.Error("empty pattern");
        }
        var pattern = parser.ParseFollowedBy();
        return parser.current.Kind == TokenKind.End ? pattern : throw parser.Error("expected AND, OR, FOLLOWEDBY or the end of the pattern");
    }

    public static ObjectPath ParseObjectPath(string text)
    {
        var parser = new PatternParser(text);
        var path = parser.ParsePath();
        return parser.current.Kind == TokenKind.End ? path : throw parser.Error("expected the end of the object path");
    }

    private PatternExpression ParseFollowedBy() => ParseChain(ObservationOperator.FollowedBy, "FOLLOWEDBY", ParseObservationOr);

    private PatternExpression ParseObservationOr() => ParseChain(ObservationOperator.Or, "OR", ParseObservationAnd);

    private PatternExpression ParseObservationAnd() => ParseChain(ObservationOperator.And, "AND", ParseQualified);

    private PatternExpression ParseChain(ObservationOperator op, string keyword, Func<PatternExpression> operand)
    {
        var first = operand();
        if (!IsWord(keyword))
        {
            return first;
        }
        var operands = new List<PatternExpression> { first };
        while (IsWord(keyword))
        {
            Advance();
            operands.Add(operand());
        }
        return new CompoundObservation(op, operands.AsReadOnly(), []);
    }

    private PatternExpression ParseQualified()
    {
        var expression = ParseObservation();
        while (IsWord("WITHIN") || IsWord("REPEATS") || IsWord("START"))
        {
            var qualifier = ParseQualifier();
            expression = expression with { Qualifiers = [.. expression.Qualifiers, qualifier] };
        }
        return expression;
    }

    private PatternExpression ParseObservation()
    {
        if (current.Kind == TokenKind.LeftBracket)
        {
            Advance();
            var comparison = ParseComparisonOr();
            Expect(TokenKind.RightBracket, "']'");
            return new ObservationExpression(comparison, []);
        }
        if (current.Kind == TokenKind.LeftParen)
        {
            Enter();
            var group = ParseFollowedBy();
            Expect(TokenKind.RightParen, "')'");
            depth--;
            return group;
        }
        throw Error("expected '[' or '('");
    }

    private Qualifier ParseQualifier()
    {
        var keyword = Advance();
        switch (keyword.Text)
        {
            case "WITHIN":
                var window = current.Value switch
                {
                    IntegerValue { Value: > 0 } seconds => seconds.Value,
                    FloatValue { Value: > 0 } seconds => seconds.Value,
                    _ => throw Error("expected a positive number of seconds"),
                };
                Advance();
                ExpectWord("SECONDS");
                return new WithinQualifier(window);
            case "REPEATS":
                var times = current.Value is IntegerValue { Value: > 0 and <= int.MaxValue } count
                    ? (int)count.Value
                    : throw Error("expected a positive whole number of times");
                Advance();
                ExpectWord("TIMES");
                return new RepeatsQualifier(times);
            default:
                var start = ExpectTimestamp();
                ExpectWord("STOP");
                return new StartStopQualifier(start, ExpectTimestamp());
        }
    }

    private DateTimeOffset ExpectTimestamp()
    {
        var instant = current.Value is TimestampValue timestamp ? timestamp.Value : throw Error("expected a timestamp t'…'");
        Advance();
        return instant;
    }

    private ComparisonExpression ParseComparisonOr() => ParseComparisonChain(BooleanOperator.Or, "OR", ParseComparisonAnd);

    private ComparisonExpression ParseComparisonAnd() => ParseComparisonChain(BooleanOperator.And, "AND", ParseComparison);

    private ComparisonExpression ParseComparisonChain(BooleanOperator op, string keyword, Func<ComparisonExpression> operand)
    {
        var first = operand();
        if (!IsWord(keyword))
        {
            return first;
        }
        var operands = new List<ComparisonExpression> { first };
        while (IsWord(keyword))
        {
            Advance();
            operands.Add(operand());
        }
        return new CompoundComparison(op, operands.AsReadOnly());
    }

    private ComparisonExpression ParseComparison()
    {
        if (current.Kind == TokenKind.LeftParen)
        {
            Enter();
            var group = ParseComparisonOr();
            Expect(TokenKind.RightParen, "')'");
            depth--;
            return group;
        }
        if (current.Kind == TokenKind.RightBracket)
        {
            throw Error("expected a comparison");
        }
        if (IsWord("EXISTS"))
        {
            Advance();
            return new ExistsComparison(ParsePath());
        }
        var path = ParsePath();
        var negated = IsWord("NOT");
        if (negated)
        {
            Advance();
        }
        if (IsWord("IN"))
        {
            Advance();
            return new SetComparison(path, negated, ParseSet());
        }
        var op = ComparisonOperatorOf(current) ?? throw Error("expected a comparison operator");
        Advance();
        var value = op switch
        {
            ComparisonOperator.Equal or ComparisonOperator.NotEqual => current.Value ?? BooleanOf(current) ?? throw Error("expected a value"),
            ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual or ComparisonOperator.GreaterThan
                or ComparisonOperator.GreaterThanOrEqual => current.Value ?? throw Error("expected a number, string, binary, hex or timestamp value"),
            _ => current.Value as StringValue ?? throw Error("expected a string"),
        };
        Advance();
        return new PropertyComparison(path, op, negated, value);
    }

    private ReadOnlyCollection<PatternValue> ParseSet()
    {
        Expect(TokenKind.LeftParen, "'(' after IN");
        var values = new List<PatternValue>();
        if (current.Kind != TokenKind.RightParen)
        {
            while (true)
            {
                values.Add(current.Value ?? BooleanOf(current) ?? throw Error("expected a value"));
                Advance();
                if (current.Kind != TokenKind.Comma)
                {
                    break;
                }
                Advance();
            }
        }
        Expect(TokenKind.RightParen, "',' or ')'");
        return values.AsReadOnly();
    }

    private ObjectPath ParsePath()
    {
        if (current.Kind != TokenKind.Word || PatternText.Keywords.Contains(current.Text))
        {
            throw Error("expected an object path");
        }
        if (!PatternText.IsObjectType(current.Text))
        {
            throw Error("invalid object type (lowercase ASCII letters, digits and hyphens, starting with a letter)");
        }
        var objectType = Advance().Text;
        Expect(TokenKind.Colon, "':' after the object type");
        var steps = new List<PathStep> { ParsePropertyName() };
        while (true)
        {
            if (current.Kind == TokenKind.Dot)
            {
                Advance();
                steps.Add(ParsePropertyName());
            }
            else if (current.Kind == TokenKind.LeftBracket)
            {
                Advance();
                steps.Add(current switch
                {
                    { Kind: TokenKind.Asterisk } => new AnyIndexStep(),
                    { Value: IntegerValue { Value: >= int.MinValue and <= int.MaxValue } index } => new IndexStep((int)index.Value),
                    _ => throw Error("expected a list index or '*'"),
                });
                Advance();
                Expect(TokenKind.RightBracket, "']'");
            }
            else
            {
                return new ObjectPath(objectType, steps.AsReadOnly());
            }
        }
    }

    private PropertyStep ParsePropertyName()
    {
        var name = current switch
        {
            { Value: StringValue { Value.Length: > 0 } quoted } => quoted.Value,
            { Kind: TokenKind.Word } word when word.Text.Contains('-', StringComparison.Ordinal) =>
                throw Error("property names with hyphens must be quoted"),
            { Kind: TokenKind.Word } word when PatternText.IsBareName(word.Text) => word.Text,
            _ => throw Error("expected a property name"),
        };
        Advance();
        return new PropertyStep(name);
    }

    private static ComparisonOperator? ComparisonOperatorOf(Token token) => token.Text switch
    {
        "=" or "==" when token.Kind == TokenKind.Operator => ComparisonOperator.Equal,
        "!=" or "<>" when token.Kind == TokenKind.Operator => ComparisonOperator.NotEqual,
        "<" when token.Kind == TokenKind.Operator => ComparisonOperator.LessThan,
        "<=" when token.Kind == TokenKind.Operator => ComparisonOperator.LessThanOrEqual,
        ">" when token.Kind == TokenKind.Operator => ComparisonOperator.GreaterThan,
        ">=" when token.Kind == TokenKind.Operator => ComparisonOperator.GreaterThanOrEqual,
        "LIKE" when token.Kind == TokenKind.Word => ComparisonOperator.Like,
        "MATCHES" when token.Kind == TokenKind.Word => ComparisonOperator.Matches,
        "ISSUBSET" when token.Kind == TokenKind.Word => ComparisonOperator.IsSubset,
        "ISSUPERSET" when token.Kind == TokenKind.Word => ComparisonOperator.IsSuperset,
        _ => null,
    };

    private static BooleanValue? BooleanOf(Token token) => token switch
    {
        { Kind: TokenKind.Word, Text: "true" } => new BooleanValue(true),
        { Kind: TokenKind.Word, Text: "false" } => new BooleanValue(false),
        _ => null,
    };

    private void Enter()
    {
        if (++depth > StixPattern.MaxDepth)
        {
            throw Error($"nesting deeper than {StixPattern.MaxDepth} parentheses");
        }
        Advance();
    }

    private bool IsWord(string word) => current.Kind == TokenKind.Word && current.Text == word;

    private Token Advance()
    {
        var token = current;
        current = lexer.Next();
        return token;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (current.Kind != kind)
        {
            throw Error($"expected {what}");
        }
        Advance();
    }

    private void ExpectWord(string word)
    {
        if (!IsWord(word))
        {
            throw Error($"expected {word}");
        }
        Advance();
    }

    private StixPatternException Error(string reason) => new(reason, current.Position);
}
