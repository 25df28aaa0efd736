"""Opschorting and verlenging move a zaak's deadlines exactly once, by the Algemene termijnenwet's day rules.

VBG-KAP (doorlooptijd P8W, servicenorm P6W, opschorten and verlengen allowed, verlengingstermijn P6W) started on
Monday 2 March 2026: einddatumGepland Monday 13 April, uiterlijkeEinddatumAfdoening nominally Koningsdag (Monday
27 April) and therefore Tuesday 28 April.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi import FastAPI

from tests.zaken.conftest import RSIN, Catalogus, insert_zaak
from tests.zaken.termijnen_support import PRINCIPAL, lees, op, wijzig
from zaakwerk.catalogi.models import ZaakType
from zaakwerk.core.errors import Invalid, ZGWError
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.zaken import termijnen
from zaakwerk.zaken._context import Ctx
from zaakwerk.zaken.models import Zaak

D = dt.date
START = D(2026, 3, 2)


async def _kapzaak(app: FastAPI, catalogus: Catalogus, **over: object) -> Zaak:
    values: dict[str, object] = {
        "startdatum": START,
        "einddatum_gepland": D(2026, 4, 13),
        "uiterlijke_einddatum_afdoening": D(2026, 4, 28),
    }
    values.update(over)
    return await insert_zaak(app, catalogus["VBG-KAP"], **values)


async def _opschorten(app: FastAPI, zaak: Zaak, van: dt.date, tot: dt.date, reden: str = "aanvulling") -> str:
    with op(van):
        await wijzig(app, zaak.id, opschorting={"indicatie": True, "reden": reden})
    with op(tot):
        tekst, _ = await wijzig(app, zaak.id, opschorting={"indicatie": False, "reden": ""})
    return tekst


def _fout(exc: pytest.ExceptionInfo[ZGWError]) -> list[tuple[str, str]]:
    assert exc.value.status == 400
    return [(p.name, p.code) for p in exc.value.invalid_params]


async def test_opschorting_moves_both_deadlines_by_the_suspended_days(app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await _kapzaak(app, catalogus)
    with op(D(2026, 3, 10)):
        tekst, _ = await wijzig(app, zaak.id, opschorting={"indicatie": True, "reden": "wacht op aanvulling"})
    assert tekst == "Behandeling opgeschort op 10 maart 2026 (wacht op aanvulling)."
    opgeschort, rijen, _ = await lees(app, zaak.id)
    assert (opgeschort.opschorting_indicatie, opgeschort.opschorting_reden) == (True, "wacht op aanvulling")
    assert [(r.begin, r.einde, r.dagen) for r in rijen] == [(D(2026, 3, 10), None, None)]
    assert opgeschort.uiterlijke_einddatum_afdoening == D(2026, 4, 28)  # the clock stops; dates move at the end

    with op(D(2026, 3, 22)):
        tekst, _ = await wijzig(app, zaak.id, opschorting={"indicatie": False, "reden": ""})
    hervat, rijen, _ = await lees(app, zaak.id)
    assert hervat.opschorting_indicatie is False
    assert [(r.begin, r.einde, r.dagen) for r in rijen] == [(D(2026, 3, 10), D(2026, 3, 22), 12)]
    # 27 April + 12 = Saturday 9 May → Monday 11 May; 13 April + 12 = Saturday 25 April → (Koningsdag) 28 April.
    assert hervat.uiterlijke_einddatum_afdoening == D(2026, 5, 11)
    assert hervat.einddatum_gepland == D(2026, 4, 28)
    assert tekst == (
        "Opschorting van 10 maart 2026 tot 22 maart 2026 beëindigd; termijnen 12 dagen verschoven; "
        "uiterlijke einddatum afdoening 11 mei 2026."
    )


async def test_opschorting_counts_from_the_nominal_end_not_from_the_moved_date(
    app: FastAPI, catalogus: Catalogus
) -> None:
    # One suspended day: the nominal end goes from Koningsdag to Tuesday 28 April, the date already shown.
    # Counting from the moved date would have given 29 April (the weekend/holiday counted twice).
    zaak = await _kapzaak(app, catalogus)
    await _opschorten(app, zaak, D(2026, 3, 10), D(2026, 3, 11))
    hervat, _, _ = await lees(app, zaak.id)
    assert hervat.uiterlijke_einddatum_afdoening == D(2026, 4, 28)
    assert hervat.einddatum_gepland == D(2026, 4, 14)


async def test_opschorting_moves_a_date_the_client_set_from_that_date(app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await _kapzaak(app, catalogus, uiterlijke_einddatum_afdoening=D(2026, 6, 1), einddatum_gepland=None)
    await _opschorten(app, zaak, D(2026, 3, 10), D(2026, 3, 22))
    hervat, _, _ = await lees(app, zaak.id)
    assert hervat.uiterlijke_einddatum_afdoening == D(2026, 6, 15)  # 1 June + 12 = Saturday 13 June → Monday
    assert hervat.einddatum_gepland is None


async def test_several_opschortingen_are_kept_and_add_up(app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await _kapzaak(app, catalogus)
    await _opschorten(app, zaak, D(2026, 3, 10), D(2026, 3, 22))
    with op(D(2026, 4, 1)):
        await wijzig(app, zaak.id, opschorting={"indicatie": True, "reden": "advies"})
    with op(D(2026, 4, 2)):  # a new reden while suspended: the same suspension, no new row
        tekst, _ = await wijzig(app, zaak.id, opschorting={"indicatie": True, "reden": "advies welstand"})
    assert tekst == ""
    with op(D(2026, 4, 6)):
        await wijzig(app, zaak.id, opschorting={"indicatie": False, "reden": ""})
    hervat, rijen, _ = await lees(app, zaak.id)
    assert [(r.begin, r.einde, r.dagen, r.reden) for r in rijen] == [
        (D(2026, 3, 10), D(2026, 3, 22), 12, "aanvulling"),
        (D(2026, 4, 1), D(2026, 4, 6), 5, "advies welstand"),
    ]
    # 27 April + 17 = Hemelvaartsdag (Thursday 14 May) → Friday 15 May.
    assert hervat.uiterlijke_einddatum_afdoening == D(2026, 5, 15)


async def test_opschorting_refused_when_the_zaaktype_does_not_allow_it(app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"], uiterlijke_einddatum_afdoening=D(2026, 12, 14))
    with op(D(2026, 11, 10)), pytest.raises(ZGWError) as exc:
        await wijzig(app, zaak.id, opschorting={"indicatie": True, "reden": "wacht"})
    assert _fout(exc) == [("opschorting", "opschorting-niet-mogelijk")]
    na, rijen, _ = await lees(app, zaak.id)
    assert (na.opschorting_indicatie, na.opschorting_reden, rijen) == (False, "", [])


async def test_verlenging_is_the_total_and_moves_only_the_uiterlijke_einddatum(
    app: FastAPI, catalogus: Catalogus
) -> None:
    zaak = await _kapzaak(app, catalogus)
    with op(D(2026, 3, 5)):
        tekst, _ = await wijzig(app, zaak.id, verlenging={"reden": "advies nodig", "duur": "P2W"})
    assert tekst == (
        "Verlengd met P14D (advies nodig); totale verlenging P14D; uiterlijke einddatum afdoening 11 mei 2026."
    )
    verlengd, _, rijen = await lees(app, zaak.id)
    assert (verlengd.verlenging_duur, verlengd.verlenging_reden) == ("P2W", "advies nodig")
    assert verlengd.uiterlijke_einddatum_afdoening == D(2026, 5, 11)  # Koningsdag + 14 days
    assert verlengd.einddatum_gepland == D(2026, 4, 13)
    assert [(r.datum, r.duur) for r in rijen] == [(D(2026, 3, 5), "P14D")]

    # Resending the zaak as it is (PUT) extends nothing.
    with op(D(2026, 3, 6)):
        tekst, _ = await wijzig(app, zaak.id, verlenging={"reden": "advies nodig", "duur": "P14D"})
    assert tekst == ""
    with op(D(2026, 3, 20)):
        await wijzig(app, zaak.id, verlenging={"reden": "nog een advies", "duur": "P6W"})
    verlengd, _, rijen = await lees(app, zaak.id)
    assert [(r.datum, r.duur, r.reden) for r in rijen] == [
        (D(2026, 3, 5), "P14D", "advies nodig"),
        (D(2026, 3, 20), "P28D", "nog een advies"),
    ]
    assert verlengd.verlenging_duur == "P6W"
    assert verlengd.uiterlijke_einddatum_afdoening == D(2026, 6, 8)  # 27 April + 6 weeks


@pytest.mark.parametrize(
    ("identificatie", "duur", "fout"),
    [
        ("VBG-KAP", "P7W", ("verlenging", "verlenging-te-lang")),  # verlengingstermijn P6W
        ("VBG-SUBSIDIE", "P1M1D", ("verlenging", "verlenging-te-lang")),  # verlengingstermijn P4W
        ("VBG-MOR", "P1W", ("verlenging", "verlenging-niet-mogelijk")),
        ("VBG-KAP", "twee weken", ("verlenging.duur", "invalid")),
    ],
)
async def test_verlenging_refused(
    app: FastAPI, catalogus: Catalogus, identificatie: str, duur: str, fout: tuple[str, str]
) -> None:
    zaak = await insert_zaak(app, catalogus[identificatie], uiterlijke_einddatum_afdoening=D(2026, 12, 14))
    with pytest.raises(ZGWError) as exc:
        await wijzig(app, zaak.id, verlenging={"reden": "r", "duur": duur})
    assert _fout(exc) == [fout]
    na, _, rijen = await lees(app, zaak.id)
    assert (na.verlenging_duur, na.uiterlijke_einddatum_afdoening, rijen) == (None, D(2026, 12, 14), [])


async def test_verlenging_cannot_shrink(app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await _kapzaak(app, catalogus)
    await wijzig(app, zaak.id, verlenging={"reden": "r", "duur": "P3W"})
    with pytest.raises(ZGWError) as exc:
        await wijzig(app, zaak.id, verlenging={"reden": "r", "duur": "P1W"})
    assert _fout(exc) == [("verlenging", "verlenging-korter")]
    na, _, rijen = await lees(app, zaak.id)
    assert (na.verlenging_duur, len(rijen)) == ("P3W", 1)


async def test_errors_in_both_groups_are_reported_together_and_nothing_is_written(
    app: FastAPI, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"], uiterlijke_einddatum_afdoening=D(2026, 12, 14))
    with pytest.raises(ZGWError) as exc:
        await wijzig(
            app,
            zaak.id,
            opschorting={"indicatie": True, "reden": "wacht"},
            verlenging={"reden": "r", "duur": "P5W"},
        )
    assert sorted(_fout(exc)) == [("opschorting", "opschorting-niet-mogelijk"), ("verlenging", "verlenging-te-lang")]
    na, opschortingen, verlengingen = await lees(app, zaak.id)
    assert (na.opschorting_indicatie, na.verlenging_duur, opschortingen, verlengingen) == (False, None, [], [])


async def test_zrc_012_groups_not_sent_change_nothing(app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await _kapzaak(app, catalogus, opschorting_indicatie=True, opschorting_reden="wacht")
    tekst, inv = await wijzig(app, zaak.id, opschorting=None, verlenging=None)
    assert (tekst, bool(inv)) == ("", False)
    na, opschortingen, verlengingen = await lees(app, zaak.id)
    assert (na.opschorting_indicatie, na.uiterlijke_einddatum_afdoening) == (True, D(2026, 4, 28))
    assert (opschortingen, verlengingen) == ([], [])


async def test_verlenging_after_an_opschorting_counts_from_the_nominal_end(app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await _kapzaak(app, catalogus)
    await _opschorten(app, zaak, D(2026, 3, 10), D(2026, 3, 11))  # nominal end 28 April, shown 28 April
    await wijzig(app, zaak.id, verlenging={"reden": "r", "duur": "P4D"})
    na, _, _ = await lees(app, zaak.id)
    # Nominal 27 April + 1 + 4 = Saturday 2 May → Monday 4 May (5 May is Bevrijdingsdag, not reached).
    assert na.uiterlijke_einddatum_afdoening == D(2026, 5, 4)


async def test_a_zaak_being_created_can_start_suspended(app: FastAPI, catalogus: Catalogus) -> None:
    ctx = Ctx.for_principal(app.state.settings, PRINCIPAL)
    inv = Invalid()
    async with UnitOfWork(app.state.sessionmaker) as uow:
        zaaktype = await uow.session.get(ZaakType, catalogus["VBG-KAP"].id)
        assert zaaktype is not None
        zaak = Zaak(
            identificatie="TERMIJN-NIEUW",
            bronorganisatie=RSIN,
            verantwoordelijke_organisatie=RSIN,
            zaaktype_id=zaaktype.id,
            startdatum=START,
            vertrouwelijkheidaanduiding="openbaar",
        )
        uow.session.add(zaak)
        with op(START):
            await termijnen.wijzig_opschorting_verlenging(
                uow.session,
                ctx,
                zaak,
                zaaktype,
                opschorting={"indicatie": True, "reden": "wacht"},
                verlenging=None,
                inv=inv,
            )
    assert not inv
    na, rijen, _ = await lees(app, zaak.id)
    assert na.opschorting_indicatie is True
    assert [(r.begin, r.einde) for r in rijen] == [(START, None)]
