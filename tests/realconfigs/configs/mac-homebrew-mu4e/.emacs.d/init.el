;;; init.el --- one file for the MacBook and the Linux desktop  -*- lexical-binding: t -*-

(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/") t)
(package-initialize)
(unless (package-installed-p 'use-package)
  (package-refresh-contents)
  (package-install 'use-package))
(require 'use-package)
(setq use-package-always-ensure t)

(defconst *is-a-mac* (eq system-type 'darwin))
(defconst *is-linux* (eq system-type 'gnu/linux))

(when *is-a-mac*
  (setq mac-command-modifier 'meta
        mac-option-modifier 'none
        ns-use-native-fullscreen nil)
  (add-to-list 'default-frame-alist '(ns-transparent-titlebar . t)))

(use-package exec-path-from-shell
  :if (memq window-system '(mac ns x))
  :config
  (setq exec-path-from-shell-variables '("PATH" "MANPATH" "GPG_AGENT_INFO"))
  (exec-path-from-shell-initialize))

(use-package doom-themes
  :config (load-theme 'doom-one t))

(use-package which-key
  :diminish
  :config (which-key-mode))

;;; mail

(cond (*is-a-mac*
       (add-to-list 'load-path "/opt/homebrew/share/emacs/site-lisp/mu/mu4e")
       (setq sendmail-program "/opt/homebrew/bin/msmtp"))
      (*is-linux*
       (add-to-list 'load-path "/usr/share/emacs/site-lisp/mu4e")
       (setq sendmail-program "/usr/bin/msmtp")))

(use-package mu4e
  :ensure nil
  :commands (mu4e mu4e-compose-new)
  :init
  (setq mail-user-agent 'mu4e-user-agent
        read-mail-command 'mu4e)
  :config
  (setq mu4e-maildir "~/.mail"
        mu4e-get-mail-command "mbsync -a"
        mu4e-context-policy 'pick-first
        mu4e-compose-context-policy 'ask))

(setq user-full-name "Amara Okafor"
      user-mail-address "amara@okafor.ng"
      send-mail-function 'sendmail-send-it
      message-send-mail-function 'message-send-mail-with-sendmail
      message-sendmail-extra-arguments '("--read-envelope-from")
      message-sendmail-f-is-evil t)

(add-hook 'mu4e-compose-mode-hook
          (lambda ()
            (set-fill-column 72)
            (flyspell-mode)))

(setq-default message-signature-file "~/.signature")
