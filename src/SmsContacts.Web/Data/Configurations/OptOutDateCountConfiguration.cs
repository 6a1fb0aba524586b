using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsContacts.Web.Data.Configurations;

/// <summary>
/// Read by the SMS List Dashboard's links into the Opted-Out tab, written only by triggers on Contacts and ConsentEvents
/// (<see cref="GridDateCountsSql"/>). No foreign keys: ListId 0 is the whole sender code, and a deleted list's rows are
/// simply not read.
/// </summary>
internal sealed class OptOutDateCountConfiguration : IEntityTypeConfiguration<OptOutDateCount>
{
    public void Configure(EntityTypeBuilder<OptOutDateCount> builder) =>
        builder.HasKey(c => new { c.SenderCodeId, c.BucketMinutes, c.BucketStartUtc, c.ListId, c.Reason });
}
