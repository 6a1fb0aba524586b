using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.TimeZoneId).HasMaxLength(TimeZones.MaxIdLength);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(u => u.SelectedSenderCodeId).OnDelete(DeleteBehavior.SetNull);
    }
}
