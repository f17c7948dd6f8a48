;; straight.el's bootstrap, on a machine where straight was never installed: Emacs
;; rejects the use-package forms that use :straight, and their settings never apply.
;; expect: 27:1 warning package-manager-missing
;; expect: 22:1 warning package-manager-missing
;; status: 1
;; emacs: smtpmail-smtp-server nil
(defvar bootstrap-version)
(let ((bootstrap-file
       (expand-file-name "straight/repos/straight.el/bootstrap.el" user-emacs-directory))
      (bootstrap-version 6))
  (unless (file-exists-p bootstrap-file)
    (with-current-buffer
        (url-retrieve-synchronously
         "https://raw.githubusercontent.com/radian-software/straight.el/develop/install.el"
         'silent 'inhibit-cookies)
      (goto-char (point-max))
      (eval-print-last-sexp)))
  (load bootstrap-file nil 'nomessage))
(straight-use-package 'use-package)
(setq user-mail-address "ingrid@example.org"
      send-mail-function 'smtpmail-send-it)
(use-package smtpmail
  :straight (:type built-in)
  :config
  (setq smtpmail-smtp-server "smtp.example.org"
        smtpmail-smtp-service 587))
(use-package message :straight (:type built-in)
  :custom (message-send-mail-function 'message-send-mail-with-sendmail))
