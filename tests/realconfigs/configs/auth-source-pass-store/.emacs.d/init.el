;;; init.el  -*- lexical-binding: t -*-

(setq custom-file (make-temp-file "emacs-custom-"))

(use-package epa-file
  :config
  (setq epa-file-encrypt-to '("7A1F3C2B9D0E4F18")
        epg-pinentry-mode 'loopback)
  (epa-file-enable))

;; Passwords live in pass(1); auth-source reads them from there.
(require 'auth-source-pass)
(auth-source-pass-enable)
(setq auth-source-pass-filename "~/.password-store")

(defun my/pass (entry)
  "The secret of ENTRY in the password store."
  (auth-source-pass-get 'secret entry))

(setq user-full-name "Mirela Dumitrescu"
      user-mail-address "mirela@dumitrescu.ro")

(with-eval-after-load 'smtpmail
  (setq smtpmail-smtp-server "smtp.migadu.com"
        smtpmail-smtp-service 465
        smtpmail-stream-type 'ssl
        smtpmail-smtp-user user-mail-address
        smtpmail-servers-requiring-authorization "migadu"))

(setq send-mail-function #'smtpmail-send-it
      message-send-mail-function #'smtpmail-send-it)

;; Ask pass for the IMAP password when Gnus starts, not now.
(add-hook 'gnus-before-startup-hook
          (lambda () (setenv "IMAP_PASS" (my/pass "mail/migadu"))))

(setq gnus-select-method
      '(nnimap "migadu"
               (nnimap-address "imap.migadu.com")
               (nnimap-server-port 993)
               (nnimap-stream ssl)))

(use-package which-key
  :ensure t
  :config (which-key-mode 1))

(use-package hydra
  :ensure t
  :config
  (defhydra hydra-mail (:color blue)
    "mail"
    ("g" gnus "gnus")
    ("m" compose-mail "compose")))
(global-set-key (kbd "C-c m") 'hydra-mail/body)

(require 'server)
(unless (server-running-p) (server-start))
