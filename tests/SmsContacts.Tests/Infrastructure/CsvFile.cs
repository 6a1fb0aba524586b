using CsvHelper;

namespace SmsContacts.Tests.Infrastructure;

/// <summary>A downloaded CSV file read with the same CsvHelper the app uses: header names and rows keyed by them.</summary>
public sealed record CsvFile(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows, bool HasByteOrderMark)
{
    public static CsvFile Parse(byte[] bytes)
    {
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        using var csv = CsvReader.Create(bom ? bytes[3..] : bytes);
        var headers = csv.Headers.ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (csv.Read())
        {
            Assert.Equal(headers.Count, csv.FieldCount);
            rows.Add(headers.Select((h, i) => (h, csv.GetString(i))).ToDictionary(x => x.h, x => x.Item2));
        }

        return new CsvFile(headers, rows, bom);
    }
}
