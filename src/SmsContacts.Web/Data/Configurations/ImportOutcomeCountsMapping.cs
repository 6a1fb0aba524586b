using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

/// <summary>The one mapping of <see cref="ImportOutcomeCounts"/>, for the imports' table and the previews'.</summary>
internal static class ImportOutcomeCountsMapping
{
    public static void Map(ComplexPropertyBuilder<ImportOutcomeCounts> counts)
    {
        counts.Ignore(c => c.AccountedFor);
        counts.Ignore(c => c.LinesAccountedFor);

        // One column each, named as the property (the columns were the import's and the preview's own before the counts
        // were one type), not EF's Counts_Processed: the bulk writers' SQL and the migrations name them so.
        foreach (var property in counts.Metadata.ComplexType.GetProperties())
        {
            property.SetColumnName(property.Name);
        }
    }
}
