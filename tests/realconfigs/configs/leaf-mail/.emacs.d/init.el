;;; init.el --- leaf.el based configuration  -*- lexical-binding: t; -*-

;;; Commentary:
;; Bootstrap of leaf through package.el; the network is not always there.

;;; Code:

(eval-and-compile
  (customize-set-variable
   'package-archives '(("gnu"   . "https://elpa.gnu.org/packages/")
                       ("melpa" . "https://melpa.org/packages/")))
  (package-initialize)
  (unless (package-installed-p 'leaf)
    (package-refresh-contents)
    (package-install 'leaf))

  (leaf leaf-keywords
    :ensure t
    :init
    (leaf blackout :ensure t)
    :config
    (leaf-keywords-init)))

(leaf cus-start
  :doc "define customization properties of builtins"
  :tag "builtin" "internal"
  :custom '((user-full-name . "Ryota Sakamoto")
            (user-mail-address . "ryota@sakamoto.example.jp")
            (create-lockfiles . nil)))

(leaf async
  :ensure t
  :config
  (dired-async-mode 1)
  (leaf smtpmail-async
    :after async
    :custom
    (send-mail-function         . 'async-smtpmail-send-it)
    (message-send-mail-function . 'async-smtpmail-send-it)))

;; Load the smtpmail package
(leaf smtpmail
  :config
  (setq smtpmail-smtp-server "localhost"
        smtpmail-smtp-service "2525"))

(leaf notmuch
  :ensure t
  :custom
  (notmuch-fcc-dirs . "lab/Sent")
  (message-send-mail-function . 'message-smtpmail-send-it))

(leaf message
  :init
  (setq message-alternative-emails (regexp-opt '("ryota@sakamoto.example.jp"
                                                 "r.sakamoto@lab.example.ac.jp"))
        message-send-mail-function 'smtpmail-send-it))

;; outside leaf, so it works even without it
(setq mail-user-agent 'message-user-agent
      smtpmail-default-smtp-server "smtp.lab.example.ac.jp")

(provide 'init)
;;; init.el ends here
