;; expect: .emacs.d/lisp/late-mail.el:1:7 warning default-server-after-load
;; expect: .emacs.d/lisp/late-mail.el:2:7 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
(require 'smtpmail)
(add-to-list 'load-path (expand-file-name "lisp" user-emacs-directory))
(load "late-mail")
