// flashpoint default theme: applies the reader's saved light or dark choice before the
// page is drawn (loaded without `defer` for that reason). A file rather than an inline
// script, so the site's Content-Security-Policy needs no 'unsafe-inline'.
try{var t=localStorage.getItem("flashpoint-theme");if(t==="dark"||t==="light")document.documentElement.dataset.theme=t}catch(e){}
