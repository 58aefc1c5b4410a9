"""
A Flask 2.2 catalogue for the corpus: the home page shows the item picked by ?id=, converted with
int() and no validation, as hurried code does. FLASK_PRODUCTION=1 turns debug off and adds the
headers Flask-Talisman would; otherwise it runs as `app.run(debug=True)` during development.
"""
import os
from html import escape

from flask import Flask, request

PRODUCTION = os.environ['FLASK_PRODUCTION'] == '1'
ITEMS = ['teapot', 'kettle', 'mug']

app = Flask(__name__)


@app.get('/')
def home():
    if 'id' in request.args:
        item = ITEMS[int(request.args['id'])]
        return f'<!doctype html><html><head><title>{escape(item)}</title></head><body><h1>{escape(item)}</h1></body></html>'
    return '<!doctype html><html><head><title>Catalogue</title></head><body><h1>Catalogue</h1></body></html>'


if PRODUCTION:
    @app.after_request
    def security_headers(response):
        response.headers['Content-Security-Policy'] = "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
        response.headers['X-Content-Type-Options'] = 'nosniff'
        response.headers['X-Frame-Options'] = 'SAMEORIGIN'
        response.headers['Referrer-Policy'] = 'strict-origin-when-cross-origin'
        return response


if __name__ == '__main__':
    app.run(host='127.0.0.1', port=int(os.environ['PORT']), debug=not PRODUCTION, use_reloader=False)
