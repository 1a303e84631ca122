from flask import Blueprint as BP, session as sess

shop_bp = BP("shop", __name__)


@shop_bp.post("/basket")
def basket():
    sess["basket"] = 1
    return "ok"
