using System.Text;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

public sealed class PhonePassTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smscontacts-tests", "phones-" + Guid.NewGuid().ToString("N"));

    public PhonePassTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Rows 1..300 with numbers 0..99 each three times in different formats, and an invalid row every 50 rows.</summary>
    private string File300()
    {
        var csv = new StringBuilder("Phone\n");
        for (var row = 1; row <= 300; row++)
        {
            var n = row % 100;
            csv.Append(row % 50 == 0 ? "12" : row % 2 == 0 ? TestPhones.UsTyped(n) : TestPhones.Us(n)).Append('\n');
        }

        var path = Path.Combine(_folder, "phones.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    /// <summary>Reads the phone numbers of column 0 of a UTF-8, comma-separated file with a header (the default settings).</summary>
    private static ImportPlan Plan(string path, long afterRow) =>
        new(Guid.NewGuid(), 1, new ImportSettings(), null, "US", 0, [], 0, "user", "user@example.com")
        {
            Path = path,
            AfterRow = afterRow,
            Today = new DateOnly(2026, 11, 20),
        };

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(7)]
    public void EveryRowButTheLastOfANumber_IsSuperseded_WhetherSortedInMemoryOrInRunsOnDisk(int rowsInMemory)
    {
        var pass = PhonePass.Run(Plan(File300(), afterRow: 0), rowsInMemory, _folder, default);

        var superseded = Enumerable.Range(1, 300).Where(r => pass.IsSuperseded(r)).ToList();
        var expected = Enumerable.Range(1, 300).Where(r => r % 50 != 0 && Enumerable.Range(r + 1, 300 - r).Any(later => later % 100 == r % 100 && later % 50 != 0)).ToList();
        Assert.Equal(expected, superseded);
        Assert.Equal(expected.Count, pass.Duplicates);
        Assert.Equal(["phones.csv"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void AResumedPass_LooksOnlyAtTheRowsAfterTheCheckpoint()
    {
        var pass = PhonePass.Run(Plan(File300(), afterRow: 150), 1000, _folder, default);

        var expected = Enumerable.Range(151, 150).Where(r => r % 50 != 0 && r + 100 <= 300 && (r + 100) % 50 != 0).ToList();
        Assert.Equal(49, expected.Count);
        Assert.Equal(expected, Enumerable.Range(1, 300).Where(r => pass.IsSuperseded(r)));
    }

    /// <summary>The first pass's shortcut for North American numbers must key every valid number as PhoneNormalizer would.</summary>
    [Fact]
    public void TheNorthAmericanShortcut_KeysEveryValidNumberAsPhoneNormalizerDoes()
    {
        var random = new Random(7);
        string[] areaCodes = ["212", "415", "800", "876", "416", "604", "907", "345", "268"];
        for (var i = 0; i < 5000; i++)
        {
            var digits = $"{areaCodes[random.Next(areaCodes.Length)]}{random.Next(0, 1000):D3}{random.Next(0, 10000):D4}";
            var (area, exchange, line) = (digits[..3], digits[3..6], digits[6..]);
            string[] spellings = [digits, $"1{digits}", $"+1{digits}", $"({area}) {exchange}-{line}", $"{area}.{exchange}.{line}", $"1-{area}-{exchange}-{line}", $"+1 ({area}) {exchange} {line}", $" {digits} "];
            foreach (var region in new[] { "US", "CA" })
            {
                foreach (var spelling in spellings)
                {
                    var normalized = PhoneNormalizer.Normalize(spelling, region);
                    if (normalized.IsValid)
                    {
                        Assert.Equal(PhonePass.ToKey(normalized.E164), PhonePass.KeyOf(spelling, region, northAmerican: true));
                    }
                }
            }
        }

        Assert.Equal(PhonePass.ToKey("+442079460958"), PhonePass.KeyOf("+44 20 7946 0958", "US", northAmerican: true));
        Assert.Equal(0, PhonePass.KeyOf("hello", "US", northAmerican: true));
    }
}
