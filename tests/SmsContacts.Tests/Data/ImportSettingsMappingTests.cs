using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// <see cref="ImportSettings"/> is stored in the Imports columns it always had (the bulk writers' SQL and the migrations
/// name them), on both providers: one column per setting, named as the property, and the delimiter as its character.
/// </summary>
public sealed class ImportSettingsMappingTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "SqlServer" };

    private static AppDbContext Context(string provider) => provider == "Sqlite"
        ? new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options)
        : new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=unused;Database=unused").Options);

    private static IComplexType Settings(AppDbContext db) =>
        db.Model.FindEntityType(typeof(ImportRecord))!.FindComplexProperty(nameof(ImportRecord.Settings))!.ComplexType;

    [Theory]
    [MemberData(nameof(Providers))]
    public void EverySetting_IsAColumnOfImports_NamedAsItsProperty(string provider)
    {
        using var db = Context(provider);
        var imports = StoreObjectIdentifier.Table("Imports");

        var columns = Settings(db).GetProperties().ToDictionary(p => p.Name, p => p.GetColumnName(imports));

        Assert.Equal(typeof(ImportSettings).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order(), columns.Keys.Order());
        Assert.All(columns, c => Assert.Equal(c.Key, c.Value));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheDelimiter_IsStoredAsItsCharacter_AndReadBackAsItsName(string provider)
    {
        using var db = Context(provider);
        var converter = Settings(db).FindProperty(nameof(ImportSettings.Delimiter))!.GetRelationalTypeMapping().Converter!;

        foreach (var (name, _) in DelimiterNames.All)
        {
            var stored = converter.ConvertToProvider(name);
            Assert.Equal(DelimiterNames.Parse(name).ToString(), Convert.ToString(stored, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(name, converter.ConvertFromProvider(stored));
        }
    }
}
