// Interface text in Arabic and English. Data values (ACLED event types, field names) keep their English
// codes in the API; the page shows them translated here.

const STRINGS = {
  title: {ar: "رصد", en: "rasd"},
  subtitle: {ar: "أحداث النزاع من الأخبار العربية", en: "conflict events from Arabic news"},
  tab_events: {ar: "الأحداث", en: "Events"},
  tab_control: {ar: "خريطة السيطرة", en: "Control map"},
  tab_audit: {ar: "سجل المراجعة", en: "Review log"},
  language: {ar: "English", en: "العربية"},
  sign_in: {ar: "تسجيل الدخول", en: "Sign in"},
  sign_out: {ar: "تسجيل الخروج", en: "Sign out"},
  signed_in_as: {ar: "المراجِع:", en: "Reviewer:"},
  token: {ar: "رمز الدخول", en: "Token"},
  token_help: {ar: "الرمز الذي طبعه الأمر rasd users add", en: "the token printed by rasd users add"},
  bad_token: {ar: "رمز غير معروف", en: "Unknown token"},
  disabled_user: {ar: "هذا المستخدم موقوف", en: "This user is disabled"},
  date_from: {ar: "من", en: "From"},
  date_to: {ar: "إلى", en: "To"},
  country: {ar: "البلد", en: "Country"},
  admin1: {ar: "المحافظة", en: "Province"},
  event_type: {ar: "نوع الحدث", en: "Event type"},
  actor: {ar: "الفاعل", en: "Actor"},
  search: {ar: "بحث", en: "Search"},
  status: {ar: "حالة المراجعة", en: "Review status"},
  any: {ar: "الكل", en: "All"},
  apply: {ar: "تطبيق", en: "Apply"},
  limit_to_view: {ar: "حصر بما يظهر في الخريطة", en: "Limit to map view"},
  area: {ar: "المنطقة:", en: "Area:"},
  clear: {ar: "مسح", en: "Clear"},
  events_count: {ar: "حدث", en: "events"},
  unplaced: {ar: "بلا موقع على الخريطة", en: "without a map position"},
  newest_shown: {ar: "القائمة تعرض أحدث {n} حدث؛ الخريطة والخط الزمني تعرض الكل", en: "The list shows the newest {n}; the map and timeline show all"},
  truncated: {ar: "عُرض جزء فقط؛ ضيّق التصفية", en: "only part shown; narrow the filters"},
  no_events: {ar: "لا أحداث تطابق التصفية", en: "No events match the filters"},
  loading: {ar: "جارٍ التحميل…", en: "Loading…"},
  back: {ar: "→ القائمة", en: "← List"},
  fields: {ar: "الحقول", en: "Fields"},
  more_fields: {ar: "حقول أخرى", en: "More fields"},
  sources: {ar: "المصادر", en: "Sources"},
  candidates: {ar: "أماكن مرشحة أخرى", en: "Other candidate places"},
  article: {ar: "نص الخبر", en: "Article text"},
  evidence_legend: {ar: "الأدلة في النص:", en: "Evidence in the text:"},
  review_history: {ar: "سجل التعديلات", en: "Review history"},
  no_edits: {ar: "لا تعديلات بعد", en: "No edits yet"},
  accept: {ar: "قبول", en: "Accept"},
  reject: {ar: "رفض", en: "Reject"},
  edit: {ar: "تعديل", en: "Edit"},
  save: {ar: "حفظ", en: "Save"},
  cancel: {ar: "إلغاء", en: "Cancel"},
  note: {ar: "ملاحظة (اختيارية)", en: "Note (optional)"},
  saved: {ar: "حُفظ التعديل", en: "Change saved"},
  sign_in_to_review: {ar: "سجّل الدخول لمراجعة الأحداث", en: "Sign in to review events"},
  status_machine: {ar: "آلي", en: "machine"},
  status_accepted: {ar: "مقبول", en: "accepted"},
  status_rejected: {ar: "مرفوض", en: "rejected"},
  edited: {ar: "معدَّل", en: "edited"},
  near_copy: {ar: "نسخة شبه مطابقة", en: "near-copy"},
  claim_source: {ar: "مصدر الادعاء", en: "claim source"},
  published: {ar: "تاريخ النشر", en: "published"},
  control_date: {ar: "السيطرة في يوم", en: "Control on"},
  holder: {ar: "المسيطر", en: "Holder"},
  since: {ar: "منذ", en: "since"},
  previous: {ar: "قبله", en: "before"},
  contested: {ar: "متنازع عليه", en: "contested"},
  places: {ar: "مكان", en: "places"},
  no_control: {ar: "لا معلومات عن السيطرة في هذا اليوم", en: "No control information on this day"},
  timeline: {ar: "الأحداث يوميًا", en: "Events per day"},
  timeline_hint: {ar: "انقر يومًا لتصفية الأحداث به (أو لعرض السيطرة فيه)، وانقره ثانية للإلغاء",
    en: "Click a day to filter to it (or to show control on it); click again to clear"},
  who: {ar: "من", en: "Who"},
  when: {ar: "متى", en: "When"},
  field: {ar: "الحقل", en: "Field"},
  before: {ar: "قبل", en: "Before"},
  after: {ar: "بعد", en: "After"},
  event: {ar: "الحدث", en: "Event"},
  assets_missing: {ar: "ملفات الخريطة غير مبنية: شغّل make web", en: "Map files are not built: run make web"},
  error: {ar: "خطأ", en: "Error"},
  fatalities_short: {ar: "قتلى", en: "fatalities"},
  export: {ar: "تصدير", en: "Export"},
  use_place: {ar: "اعتماد هذا المكان", en: "Use this place"},
  score: {ar: "الدرجة", en: "score"},
};

const EVENT_TYPES = {
  "Battles": "معارك",
  "Explosions/Remote violence": "انفجارات/عنف عن بعد",
  "Violence against civilians": "عنف ضد المدنيين",
  "Protests": "احتجاجات",
  "Riots": "أعمال شغب",
  "Strategic developments": "تطورات استراتيجية",
};

const SUB_EVENT_TYPES = {
  "Government regains territory": "استعادة الحكومة أراضي",
  "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على أراضٍ",
  "Armed clash": "اشتباك مسلح",
  "Chemical weapon": "سلاح كيميائي",
  "Air/drone strike": "غارة جوية/بطائرة مسيّرة",
  "Suicide bomb": "تفجير انتحاري",
  "Shelling/artillery/missile attack": "قصف مدفعي/صاروخي",
  "Remote explosive/landmine/IED": "عبوة ناسفة/لغم",
  "Grenade": "قنبلة يدوية",
  "Sexual violence": "عنف جنسي",
  "Attack": "هجوم",
  "Abduction/forced disappearance": "خطف/إخفاء قسري",
  "Peaceful protest": "احتجاج سلمي",
  "Protest with intervention": "احتجاج مع تدخل",
  "Excessive force against protesters": "قوة مفرطة ضد المحتجين",
  "Violent demonstration": "مظاهرة عنيفة",
  "Mob violence": "عنف جماعي",
  "Agreement": "اتفاق",
  "Arrests": "اعتقالات",
  "Change to group/activity": "تغيّر في جماعة أو نشاط",
  "Disrupted weapons use": "إحباط استخدام سلاح",
  "Headquarters or base established": "إنشاء مقر أو قاعدة",
  "Looting/property destruction": "نهب/تدمير ممتلكات",
  "Non-violent transfer of territory": "انتقال سلمي للسيطرة",
  "Other": "أخرى",
};

const FIELDS = {
  event_date: {ar: "التاريخ", en: "Date"},
  time_precision: {ar: "دقة التاريخ", en: "Date precision"},
  date_expression: {ar: "عبارة التاريخ", en: "Date expression"},
  disorder_type: {ar: "نوع الاضطراب", en: "Disorder type"},
  event_type: {ar: "نوع الحدث", en: "Event type"},
  sub_event_type: {ar: "النوع الفرعي", en: "Sub-event type"},
  actor1: {ar: "الفاعل الأول", en: "Actor 1"},
  assoc_actor_1: {ar: "حلفاء الفاعل الأول", en: "Associated actor 1"},
  actor2: {ar: "الفاعل الثاني", en: "Actor 2"},
  assoc_actor_2: {ar: "حلفاء الفاعل الثاني", en: "Associated actor 2"},
  civilian_targeting: {ar: "استهداف المدنيين", en: "Civilian targeting"},
  control_change: {ar: "تغيّر السيطرة (قبل → بعد)", en: "Control change (before → after)"},
  country: {ar: "البلد", en: "Country"},
  admin1: {ar: "المحافظة", en: "Admin 1"},
  admin2: {ar: "المنطقة", en: "Admin 2"},
  admin3: {ar: "الناحية", en: "Admin 3"},
  location: {ar: "المكان (لاتيني)", en: "Location"},
  location_ar: {ar: "المكان", en: "Location (Arabic)"},
  latitude: {ar: "خط العرض", en: "Latitude"},
  longitude: {ar: "خط الطول", en: "Longitude"},
  geo_precision: {ar: "دقة الموقع", en: "Geo precision"},
  fatalities: {ar: "القتلى", en: "Fatalities"},
  fatalities_note: {ar: "ملاحظة عن القتلى", en: "Fatalities note"},
  claim_source: {ar: "مصدر الادعاء", en: "Claim source"},
  source: {ar: "المصدر", en: "Source"},
  notes: {ar: "ملاحظات", en: "Notes"},
  tags: {ar: "وسوم", en: "Tags"},
  status: {ar: "الحالة", en: "Status"},
  year: {ar: "السنة", en: "Year"},
  inter1: {ar: "رمز فئة الفاعل الأول", en: "Inter 1"},
  inter2: {ar: "رمز فئة الفاعل الثاني", en: "Inter 2"},
  interaction: {ar: "رمز التفاعل", en: "Interaction"},
  iso: {ar: "رمز البلد", en: "ISO"},
  region: {ar: "الإقليم", en: "Region"},
  source_scale: {ar: "نطاق المصدر", en: "Source scale"},
  timestamp: {ar: "الطابع الزمني", en: "Timestamp"},
  admin1_ar: {ar: "المحافظة (عربي)", en: "Admin 1 (Arabic)"},
  admin2_ar: {ar: "المنطقة (عربي)", en: "Admin 2 (Arabic)"},
  geonameid: {ar: "معرّف GeoNames", en: "GeoNames id"},
  location_relation: {ar: "علاقة المكان", en: "Location relation"},
  zone: {ar: "موضع في الخبر", en: "Zone"},
  trigger: {ar: "كلمة الحدث", en: "Trigger"},
};

let current = "ar";

export function setLang(lang) { current = lang === "en" ? "en" : "ar"; }
export function lang() { return current; }

/** Interface text for a key in the current language (the key itself when unknown). */
export function t(key) {
  const entry = STRINGS[key];
  return entry ? entry[current] : key;
}

/** An ACLED event type in the current language. */
export function typeName(name) {
  return current === "ar" && EVENT_TYPES[name] ? EVENT_TYPES[name] : (name || "");
}

/** An ACLED sub-event type in the current language. */
export function subTypeName(name) {
  return current === "ar" && SUB_EVENT_TYPES[name] ? SUB_EVENT_TYPES[name] : (name || "");
}

/** A field's label in the current language. */
export function fieldName(name) {
  const entry = FIELDS[name];
  return entry ? entry[current] : name;
}

/** A place's name in the current language (Arabic first in Arabic, Latin first in English). */
export function placeName(latin, arabic) {
  return (current === "ar" ? (arabic || latin) : (latin || arabic)) || "";
}

export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES);

/** A date (or any left-to-right token) kept in one piece inside right-to-left text: without the isolates
 * «2017-11-13» shows as «13-11-2017» in an Arabic sentence. */
export function ltr(text) {
  return text ? "\u2066" + text + "\u2069" : "";
}
