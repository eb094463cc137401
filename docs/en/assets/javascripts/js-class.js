/* Marks the page as scripted before it is first drawn. Material's bundle swaps the <html> element's
   "no-js" class for "js", but it loads at the end of the page, so the first paint used the no-JS
   layout (header without its search box, sidebars at full height) and the page jumped when the bundle
   ran: a layout shift of up to 0.15 on short pages at desktop width. This runs in the <head>
   (overrides/main.html), a file, not inline code, so the Content-Security-Policy stays 'self'.
   Without JavaScript nothing runs and the no-JS layout stays, as before. */
document.documentElement.classList.replace('no-js', 'js');
