from bench import report


def test_rows_say_met_or_missed_against_their_own_floor(capsys):
    report.ROWS.clear()
    fast = report.ratio_row("api", 0.030, 0.020, at_most=2)
    slow = report.ratio_row("dir", 0.100, 0.020, at_most=4)
    rate = report.ratio_row("load", 30.0, 100.0, at_least=0.4, unit="req/s")
    wire = report.limit_row("wire", 200 * 1024, at_most=150 * 1024, unit="KB")

    assert (fast.met, slow.met, rate.met, wire.met) == (True, False, False, False)
    assert fast.ratio == 1.5
    for text in ("30.0 ms", "20.0 ms", "1.50x", "met"):
        assert text in fast.line()
    for text in ("MISSED", "5.00x"):
        assert text in slow.line()
    for text in ("200 KB", "≤ 150 KB", "MISSED"):
        assert text in wire.line()
    assert report.summary() == 3
    assert "1 of 4 rows met their target." in capsys.readouterr().out
    report.ROWS.clear()
