using System.Text;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

public sealed class PhonePassTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smscontacts-tests", "phones-" + Guid.NewGuid().ToString("N"));
    private readonly ImportFileFormat _format = new(ImportEncodings.Utf8, ',', TextQualifier.DoubleQuotes, HasHeader: true);

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

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(7)]
    public void EveryRowButTheLastOfANumber_IsSuperseded_WhetherSortedInMemoryOrInRunsOnDisk(int rowsInMemory)
    {
        using var pass = PhonePass.Run(File300(), _format, 0, "US", afterRow: 0, rowsInMemory, _folder, default);

        var superseded = Enumerable.Range(1, 300).Where(r => pass.IsSuperseded(r)).ToList();
        var expected = Enumerable.Range(1, 300).Where(r => r % 50 != 0 && Enumerable.Range(r + 1, 300 - r).Any(later => later % 100 == r % 100 && later % 50 != 0)).ToList();
        Assert.Equal(expected, superseded);
        Assert.Equal(expected.Count, pass.Duplicates);
        Assert.Equal(new[] { "phones.csv", Path.GetFileName(pass.PhonesFile) }.Order(), Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void TheSideFile_HoldsEachRowsNumber_AndZeroForAnInvalidOne()
    {
        using var pass = PhonePass.Run(File300(), _format, 0, "US", afterRow: 290, 1000, _folder, default);

        var numbers = new List<long>();
        using (var reader = new BinaryReader(File.OpenRead(pass.PhonesFile)))
        {
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                numbers.Add(reader.ReadInt64());
            }
        }

        Assert.Equal(Enumerable.Range(291, 10).Select(r => r % 50 == 0 ? 0 : PhonePass.ToKey(TestPhones.Us(r % 100))), numbers);
        Assert.False(pass.IsSuperseded(291));
    }
}
