using Cordon.Application.Indicators;
using Cordon.Testing;

namespace Cordon.Application.Tests;

public sealed class PublicSuffixListsTests
{
    [Fact]
    public void ChangedFile_IsReloaded_AfterTheCheckInterval()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "// test list\nexample\n");
            var clock = new FakeClock();
            var lists = new PublicSuffixLists(file, clock);
            Assert.Equal("shop.example", lists.Current.RegistrableDomain("www.shop.example"));

            File.WriteAllText(file, "// test list\nexample\nshop.example\n");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
            Assert.Equal("shop.example", lists.Current.RegistrableDomain("www.shop.example"));

            clock.Advance(PublicSuffixLists.CheckInterval);
            Assert.Equal("www.shop.example", lists.Current.RegistrableDomain("www.shop.example"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void MissingFile_FallsBackToTheDefaultRule()
    {
        var lists = new PublicSuffixLists(Path.Combine(Path.GetTempPath(), $"no-such-list-{Guid.NewGuid():N}.dat"), new FakeClock());
        Assert.Equal("example.com", lists.Current.RegistrableDomain("www.example.com"));
    }
}
