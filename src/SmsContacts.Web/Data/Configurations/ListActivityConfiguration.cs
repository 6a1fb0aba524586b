using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

/// <summary>
/// Read by the SMS List Dashboard, written only by the trigger on ConsentEvents (<see cref="ListActivitySql"/>): the
/// app never adds, changes or removes a row itself.
/// </summary>
internal sealed class ListActivityConfiguration : IEntityTypeConfiguration<ListActivity>
{
    public void Configure(EntityTypeBuilder<ListActivity> builder)
    {
        builder.ToTable("ListActivity");
        builder.HasKey(a => new { a.SenderCodeId, a.BucketMinutes, a.BucketStartUtc, a.ListId, a.Kind, a.Detail });
    }
}
