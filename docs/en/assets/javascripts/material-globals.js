/* Material for MkDocs' inline page set-up scripts (partials/javascripts/base.html and content.html of
   Material 9.8.2, copied as they are), in a file so that the site runs under a Content-Security-Policy
   without 'unsafe-inline'. overrides/main.html loads it just before Material's bundle, which reads
   these globals. The one change: Material writes the page's base_url into __md_scope; this file sits
   two folders below the site's root (assets/javascripts/), so the root is "../../" from its own URL. */
__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
/* content.html: open the content tab that the URL's #fragment names. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"));
