"""The agency directory: who can be given work, at which date, and under which names."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from danvan.text import fold_words


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE_PROVINCE = "ubnd_tinh", "UBND tỉnh/thành phố"
    PEOPLES_COMMITTEE_DISTRICT = "ubnd_huyen", "UBND huyện/thị xã (trước 01/7/2025)"
    PEOPLES_COMMITTEE_COMMUNE = "ubnd_xa", "UBND xã/phường/đặc khu"
    DEPARTMENT = "so", "Sở, ban, ngành"
    OFFICE = "van_phong", "Văn phòng"
    INSPECTORATE = "thanh_tra", "Thanh tra"
    DIVISION = "phong", "Phòng, ban thuộc cơ quan"
    PUBLIC_SERVICE_UNIT = "don_vi_su_nghiep", "Đơn vị sự nghiệp"
    STATE_ENTERPRISE = "dnnn", "Doanh nghiệp nhà nước"
    CENTRAL_AGENCY = "trung_uong", "Cơ quan, đơn vị Trung ương trên địa bàn"
    FATHERLAND_FRONT = "mttq", "Mặt trận Tổ quốc"
    MASS_ORGANISATION = "doan_the", "Tổ chức chính trị - xã hội, đoàn thể"
    PARTY = "dang", "Cơ quan Đảng (chỉ để tham chiếu)"
    PEOPLES_COUNCIL = "hdnd", "Hội đồng nhân dân"
    OTHER = "khac", "Khác"


# Bodies that a People's Committee can only request ("Đề nghị"), never order ("Giao").
REQUEST_ONLY_KINDS = {AgencyKind.FATHERLAND_FRONT, AgencyKind.MASS_ORGANISATION, AgencyKind.PARTY,
                      AgencyKind.PEOPLES_COUNCIL, AgencyKind.CENTRAL_AGENCY}


class AgencyQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> AgencyQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Agency(models.Model):
    code = models.SlugField(max_length=80, unique=True, help_text="Mã ổn định dùng khi nhập/xuất danh mục.")
    name = models.CharField("tên đầy đủ", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    kind = models.CharField("loại", max_length=32, choices=AgencyKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name="cơ quan cấp trên")
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successors = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="predecessors",
                                        verbose_name="cơ quan kế thừa")
    email = models.EmailField(blank=True)
    head_title = models.CharField("chức danh người đứng đầu", max_length=120, blank=True)
    note = models.TextField("ghi chú, nguồn", blank=True,
                            help_text="Nguồn dữ liệu, hoặc điều chưa được kiểm chứng về cơ quan này.")
    search_key = models.CharField(max_length=255, editable=False, db_index=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = fold_words(self.name)
        super().save(*args, **kwargs)

    @property
    def can_be_ordered(self) -> bool:
        """False for the Front, mass organisations and Party bodies: plans can only request them."""
        return self.kind not in REQUEST_ONLY_KINDS

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)

    def government(self) -> Agency:
        """The top of this agency's tree: the People's Committee whose plans it works under."""
        node = self
        while node.parent_id is not None:
            node = node.parent
        return node


class AgencyAlias(models.Model):
    """Another way a plan writes the agency: `SNV`, `Sở NV`, `Thanh tra TP`."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=255)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "search_key"], name="unique_alias_per_agency")]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        self.search_key = fold_words(self.text)
        super().save(*args, **kwargs)


class AgencyGroup(models.Model):
    """A phrase that means many agencies (`các cơ quan, đơn vị, địa phương`), as a rule evaluated at a date.

    Members are the agencies under `scope` (the government whose plan uses the phrase) whose kind is in
    `member_kinds`, valid on the day asked, plus `extra_members`.
    """

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=255)
    scope = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="groups",
                              help_text="Chính quyền dùng nhóm này (gốc của cây cơ quan).")
    member_kinds = models.JSONField(default=list, blank=True)
    direct_children_only = models.BooleanField(default=True)
    extra_members = models.ManyToManyField(Agency, blank=True, related_name="extra_in_groups")
    search_key = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = fold_words(self.name)
        super().save(*args, **kwargs)


class AgencyGroupAlias(models.Model):
    group = models.ForeignKey(AgencyGroup, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=255)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        self.search_key = fold_words(self.text)
        super().save(*args, **kwargs)
