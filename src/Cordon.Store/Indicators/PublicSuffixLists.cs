using Cordon.Core.Identifiers;
using Microsoft.Extensions.Configuration;

namespace Cordon.Store.Indicators;

/// <summary>The Public Suffix List from <c>Cordon:PublicSuffixList:Path</c>, else Debian's publicsuffix package.</summary>
public static class PublicSuffixLists
{
    public static PublicSuffixList Load(IConfiguration configuration)
    {
        var path = configuration["Cordon:PublicSuffixList:Path"];
        return string.IsNullOrWhiteSpace(path) ? PublicSuffixList.Default : PublicSuffixList.Load(path);
    }
}
