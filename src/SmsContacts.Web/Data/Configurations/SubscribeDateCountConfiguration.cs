using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsContacts.Web.Data.Configurations;

/// <summary>
/// Read by the SMS List Dashboard's links into the grid, written only by triggers on Subscriptions (<see cref="GridDateCountsSql"/>).
/// </summary>
internal sealed class SubscribeDateCountConfiguration : IEntityTypeConfiguration<SubscribeDateCount>
{
    public void Configure(EntityTypeBuilder<SubscribeDateCount> builder) =>
        builder.HasKey(c => new { c.SenderCodeId, c.BucketMinutes, c.BucketStartUtc, c.ListId });
}
