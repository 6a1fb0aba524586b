using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

public sealed class ExternalPairSortTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smscontacts-tests", "pairs-" + Guid.NewGuid().ToString("N"));

    public ExternalPairSortTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// Generated cases: sizes around the memory limit and the first buffer's 65,536 (so in memory, grown, and spilled in
    /// one or many runs), few keys (long groups) and many, each with its own seed.
    /// </summary>
    public static TheoryData<int, int, int, int> Cases()
    {
        var cases = new TheoryData<int, int, int, int>();
        var seed = 1;
        foreach (var (pairs, rowsInMemory) in new[] { (0, 10), (1, 1), (10, 1), (100, 7), (1_000, 1_000), (1_001, 1_000), (5_000, 333), (70_000, 1_000_000), (70_000, 65_536), (200_000, 50_000) })
        {
            foreach (var keys in new[] { 3, 1_000_000_000 })
            {
                cases.Add(pairs, rowsInMemory, keys, seed++);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivesEveryPairOnce_ByKey_WhetherSortedInMemoryOrInRunsOnDisk_AndLeavesNoRunBehind(int count, int rowsInMemory, int keys, int seed)
    {
        var random = new Random(seed);
        var added = Enumerable.Range(1, count).Select(row => (Key: 10_000_000_000L + random.Next(keys), Row: (long)row)).ToList();
        var sorted = new List<(long Key, long Row)>();
        int runs;
        using (var sort = new ExternalPairSort(rowsInMemory, _folder))
        {
            foreach (var (key, row) in added)
            {
                sort.Add(key, row);
            }

            runs = sort.Runs;
            sort.Sorted((key, row) => sorted.Add((key, row)));
        }

        Assert.Equal(count > rowsInMemory ? (count - 1) / rowsInMemory : 0, runs);
        Assert.Equal(added.OrderBy(p => p.Key).ThenBy(p => p.Row), sorted.OrderBy(p => p.Key).ThenBy(p => p.Row));
        Assert.True(sorted.Zip(sorted.Skip(1)).All(p => p.First.Key <= p.Second.Key), "pairs out of key order");
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Dispose_DeletesTheRuns_WhenTheSortIsAbandoned()
    {
        var sort = new ExternalPairSort(2, _folder);
        for (var row = 1; row <= 9; row++)
        {
            sort.Add(10_000_000_000 + (row % 4), row);
        }

        Assert.Equal(4, sort.Runs);
        Assert.Equal(4, Directory.GetFiles(_folder).Length);
        sort.Dispose();
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
