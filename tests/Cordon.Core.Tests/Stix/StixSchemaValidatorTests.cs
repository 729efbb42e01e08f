using Cordon.Testing;

namespace Cordon.Core.Tests.Stix;

/// <summary>
/// The independent STIX 2.1 validator (ajv and the official OASIS schemas) accepts the OASIS examples and rejects the
/// invalid cases of the OASIS validator's own tests, so that a passing check of Cordon's output means something.
/// </summary>
public sealed class StixSchemaValidatorTests
{
    private static string Examples => Path.Combine(StixSchemaValidator.SharedDirectory, "stix2-examples");

    private static string Cases => Path.Combine(StixSchemaValidator.SharedDirectory, "stix2-validator-cases");

    public static TheoryData<string> ExampleBundles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Examples, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Examples, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleBundles))]
    public async Task Every_OASIS_example_bundle_validates(string example)
    {
        var result = await StixSchemaValidator.ValidateAsync(Path.Combine(Examples, example));

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(1, result.Files);
        Assert.True(result.Objects > 0, result.ToString());
    }

    [Fact]
    public async Task All_OASIS_examples_validate_as_one_folder()
    {
        var result = await StixSchemaValidator.ValidateAsync(Examples);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(ExampleBundles().Count, result.Files);
    }

    [Theory]
    [InlineData("identity.json")]
    [InlineData("identity_custom.json")]
    [InlineData("identity_unicode.json")]
    [InlineData("tool.json")]
    [InlineData("tlp-amber.json")]
    public async Task The_valid_OASIS_validator_cases_validate(string name)
    {
        var result = await StixSchemaValidator.ValidateAsync(Path.Combine(Cases, name));

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(1, result.Objects);
    }

    [Fact]
    public async Task An_identity_without_modified_fails()
    {
        var result = await StixSchemaValidator.ValidateAsync(Path.Combine(Cases, "invalid_identity.json"));

        var failure = Assert.Single(result.Failures);
        Assert.Equal("identity", failure.Type);
        Assert.Equal("identity--8c6af861-7b20-41ef-9b59-6344fd872a8f", failure.Id);
        Assert.Contains("/ must have required property 'modified'", failure.Errors);
    }

    [Fact]
    public async Task Modified_earlier_than_created_fails()
    {
        var result = await StixSchemaValidator.ValidateAsync(Path.Combine(Cases, "invalid_timestamp.json"));

        var failure = Assert.Single(result.Failures);
        Assert.Contains(failure.Errors, e => e.StartsWith("/modified must not be earlier than created", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("invalid_braces.json")]
    [InlineData("invalid_comma.json")]
    public async Task Malformed_JSON_is_a_failure_of_its_file(string name)
    {
        var file = Path.Combine(Cases, name);

        var result = await StixSchemaValidator.ValidateAsync(file);

        Assert.Equal(1, result.Files);
        Assert.Equal(0, result.Objects);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(file, failure.File);
        Assert.Null(failure.Id);
        Assert.Contains(failure.Errors, e => e.StartsWith("malformed JSON: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_type_without_a_new_sco_extension_fails()
    {
        var result = await StixSchemaValidator.ValidateObjectsAsync(
        [
            """{"type":"x-unknown-thing","spec_version":"2.1","id":"x-unknown-thing--6ba7b810-9dad-41d1-80b4-00c04fd430c8","value":"v"}""",
        ]);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("x-unknown-thing", failure.Type);
        Assert.Equal(1, failure.Line);
        Assert.Contains(failure.Errors, e => e.Contains("no schema for type x-unknown-thing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_type_with_a_new_sco_extension_is_checked_as_an_observable()
    {
        var result = await StixSchemaValidator.ValidateObjectsAsync(
        [
            """{"type":"x-unknown-thing","spec_version":"2.1","id":"x-unknown-thing--6ba7b810-9dad-41d1-80b4-00c04fd430c8","value":"v","extensions":{"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e":{"extension_type":"new-sco"}}}""",
            """{"type":"x-unknown-thing","spec_version":"2.1","id":"not an id","extensions":{"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e":{"extension_type":"new-sco"}}}""",
        ]);

        Assert.Equal(2, result.Objects);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(2, failure.Line);
        Assert.Contains(failure.Errors, e => e.StartsWith("/id must match pattern", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_minimal_phone_number_observable_validates()
    {
        var result = await StixSchemaValidator.ValidateObjectsAsync(
        [
            """{"type":"phone-number","spec_version":"2.1","id":"phone-number--6ba7b810-9dad-41d1-80b4-00c04fd430c8","value":"+447700900123"}""",
        ]);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(1, result.Objects);
    }

    [Fact]
    public async Task An_observable_with_another_spec_version_fails()
    {
        var result = await StixSchemaValidator.ValidateObjectsAsync(
        [
            """{"type":"phone-number","spec_version":"2.0","id":"phone-number--6ba7b810-9dad-41d1-80b4-00c04fd430c8","value":"+447700900123"}""",
        ]);

        var failure = Assert.Single(result.Failures);
        Assert.Contains(failure.Errors, e => e.StartsWith("/spec_version must be \"2.1\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_multi_line_object_is_validated_as_one_line()
    {
        var result = await StixSchemaValidator.ValidateObjectsAsync(
        [
            """
            {
              "type": "ipv4-addr",
              "spec_version": "2.1",
              "id": "ipv4-addr--6ba7b810-9dad-41d1-80b4-00c04fd430c8",
              "value": "198.51.100.3"
            }
            """,
        ]);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(1, result.Objects);
    }

    [Fact]
    public async Task A_missing_file_throws()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"cordon-no-such-{Guid.NewGuid():N}.json");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StixSchemaValidator.ValidateAsync(missing));

        Assert.Contains("exited with 2", error.Message, StringComparison.Ordinal);
    }
}
